package io.gatecache.example;

import io.gatecache.api.Cached;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** Small pages, one per caching behaviour. */
@Path("demo")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class DemoResource {

    /** Expiration: fresh for 5 seconds, then fetched again. */
    @GET
    @Path("clock")
    @Cached(maxAge = 5)
    public String clock() {
        return "rendered at " + Instant.now() + "\n";
    }

    /** Variants: one stored response per Accept-Language. */
    @GET
    @Path("greeting")
    @Cached(sMaxAge = 60, vary = "Accept-Language")
    public String greeting(@HeaderParam("Accept-Language") String language) {
        return (language != null && language.toLowerCase().startsWith("fr") ? "Bonjour" : "Hello") + "\n";
    }

    /** Private: only the user's browser may keep it; the gateway never stores it. */
    @GET
    @Path("me")
    @Cached(maxAge = 60, visibility = Cached.Visibility.PRIVATE)
    public String me(@CookieParam("user") String user) {
        return "you are " + (user == null ? "anonymous" : user) + "\n";
    }

    /** Stale behaviour: stale for up to 30 s while one refresh runs, up to 10 min if the page fails. */
    @GET
    @Path("news")
    @Cached(sMaxAge = 5, staleWhileRevalidate = 30, staleIfError = 600)
    public String news() throws InterruptedException {
        Thread.sleep(20);
        return "news rendered at " + Instant.now() + "\n";
    }

    /** No caching headers at all: the conservative default keeps it out of the cache. */
    @GET
    @Path("dynamic")
    public String dynamic() {
        return "dynamic at " + Instant.now() + "\n";
    }
}
