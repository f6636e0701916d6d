package io.gatecache.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** This node's count of user context hashes worked out, as the cache MBean shows it. */
@Path("user-contexts")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class UserContextResource {

    @GET
    @Path("lookups")
    public String lookups(@Context ServletContext context) throws Exception {
        return String.valueOf(CacheMBean.server().getAttribute(CacheMBean.name(context), "UserContextLookups"));
    }
}
