package io.gatecache.example;

import io.gatecache.api.UserContextChanged;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Role changes, for editors: {@code POST /site/users/{name}/roles?add=editor} gives the user the
 * role, {@code ?remove=editor} takes it (any role the site knows: reader, editor), and tells the
 * cache that what the user may see has changed ({@link UserContextChanged}). 204; anonymous 401,
 * not an editor 403, an unknown user 404, neither or both of add and remove, or an unknown role,
 * 400. Never stored by a cache.
 */
@Path("users")
@RequestScoped
public class UserResource {

    @Inject
    SiteUsers users;

    @Inject
    Event<UserContextChanged> changed;

    @POST
    @Path("{name}/roles")
    @Produces(MediaType.TEXT_PLAIN)
    public Response roles(@PathParam("name") String name, @QueryParam("add") String add,
            @QueryParam("remove") String remove, @Context SecurityContext security) {
        if (security.getUserPrincipal() == null) {
            return refused(Response.Status.UNAUTHORIZED, "log in as an editor first")
                    .header("WWW-Authenticate", SiteAuthentication.CHALLENGE).build();
        }
        if (!security.isUserInRole("editor")) {
            return refused(Response.Status.FORBIDDEN, "only an editor changes roles").build();
        }
        if (!users.exists(name)) {
            return refused(Response.Status.NOT_FOUND, "no user " + name).build();
        }
        String role = add != null ? add : remove;
        if ((add == null) == (remove == null) || !SiteUsers.ROLES.contains(role)) {
            return refused(Response.Status.BAD_REQUEST, "one of ?add=<role> or ?remove=<role>, a role among "
                    + SiteUsers.ROLES).build();
        }
        users.change(name, role, add != null);
        changed.fire(new UserContextChanged(name));
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    private static Response.ResponseBuilder refused(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).header("Cache-Control", "no-store")
                .entity(message + "\n");
    }
}
