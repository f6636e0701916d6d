package io.gatecache.example;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Content types: renaming one clears the pages showing content of the type. */
@Path("type")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class TypeResource {

    private static final int MAX_NAME = 100;

    @Inject
    Site site;

    @PUT
    @Path("{id}")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response rename(@PathParam("id") long id, String entity) {
        String name = entity == null ? "" : entity.strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.contains("\n")) {
            throw new SiteException(400, "a type's name is one line of 1 to " + MAX_NAME + " characters");
        }
        site.renameType(id, name);
        return Response.noContent().build();
    }
}
