package io.gatecache.it.bad;

import io.gatecache.api.Cached;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Two mistakes: a negative max-age, and @Cached on a POST. */
@Path("bad")
@RequestScoped
public class BadResource {

    @POST
    @Cached(maxAge = -5)
    public String create() {
        return "never";
    }
}
