package io.gatecache.example;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Edits of content: publish a version, delete it, add and remove relations. */
@Path("content")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class ContentResource {

    @Inject
    Site site;

    /**
     * Publishes a new version: the body is the title, a newline, the text. {@code ?fail=true}
     * writes it and then rolls the transaction back (409).
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response publish(@PathParam("id") long id, @QueryParam("fail") boolean fail, String entity) {
        String text = entity == null ? "" : entity;
        int newline = text.indexOf('\n');
        String title = (newline < 0 ? text : text.substring(0, newline)).strip();
        String body = newline < 0 ? "" : text.substring(newline + 1);
        if (title.isEmpty()) {
            throw new SiteException(400, "the body is a title, a newline, then the text; the title is empty");
        }
        if (title.length() > Content.MAX_TITLE || body.length() > Content.MAX_BODY) {
            throw new SiteException(400, "a title has at most " + Content.MAX_TITLE + " characters, a text at most "
                    + Content.MAX_BODY);
        }
        site.publish(id, title, body, fail);
        return Response.noContent().build();
    }

    /** Deletes the content, its locations and its relations. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        site.deleteContent(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/relations")
    public Response relate(@PathParam("id") long id, @QueryParam("to") Long to) {
        if (to == null) {
            throw new SiteException(400, "a relation needs ?to=<content id>");
        }
        site.relate(id, to);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/relations/{to}")
    public Response unrelate(@PathParam("id") long id, @PathParam("to") long to) {
        site.unrelate(id, to);
        return Response.noContent().build();
    }
}
