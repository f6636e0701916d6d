package io.gatecache.example;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Logging in: {@code POST /site/login} with the form fields {@code username} and {@code password}
 * starts a session (a new session id, should the request have had one) that remembers the user
 * for {@link SiteAuthentication}, and sends the browser to the home page (303); wrong credentials
 * are answered 401. Never stored by a cache.
 */
@Path("login")
@RequestScoped
public class LoginResource {

    @Inject
    SiteUsers users;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public Response login(@FormParam("username") String username, @FormParam("password") String password,
            @Context HttpServletRequest request) {
        if (!users.valid(username, password)) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .header("WWW-Authenticate", SiteAuthentication.CHALLENGE).header("Cache-Control", "no-store")
                    .type(MediaType.TEXT_PLAIN_TYPE).entity("wrong user name or password\n").build();
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            request.changeSessionId();
        } else {
            session = request.getSession(true);
        }
        session.setAttribute(SiteAuthentication.USER, username);
        return home(request);
    }

    /** 303 to the home page, /site/location/2, as an absolute URI; not stored. */
    static Response home(HttpServletRequest request) {
        URI home = URI.create(request.getRequestURL().toString())
                .resolve(request.getContextPath() + "/site/location/2");
        return Response.seeOther(home).header("Cache-Control", "no-store").build();
    }
}
