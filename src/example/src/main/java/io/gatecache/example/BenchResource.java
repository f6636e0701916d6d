package io.gatecache.example;

import io.gatecache.api.Cached;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The pages the benchmark (bench/run) measures, each with the same 2 KiB body. */
@Path("bench")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class BenchResource {

    static final String BODY = "x".repeat(2047) + "\n";

    /** A cacheable page: after the first request, a cache hit. */
    @GET
    @Path("cached")
    @Cached(sMaxAge = 3600)
    public String cached() {
        return BODY;
    }

    /** A trivial resource the cache does not store. */
    @GET
    @Path("plain")
    public String plain() {
        return BODY;
    }

    /** A page that costs about 20 ms; never stored here (Varnish caches it in the benchmark by its VCL). */
    @GET
    @Path("slow")
    public Response slow() throws InterruptedException {
        Thread.sleep(20);
        return Response.ok(BODY).header("Cache-Control", "no-store").build();
    }
}
