package io.gatecache.example;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** Logging out: {@code POST /site/logout} ends the session and sends the browser home (303). */
@Path("logout")
@RequestScoped
public class LogoutResource {

    @POST
    public Response logout(@Context HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return LoginResource.home(request);
    }
}
