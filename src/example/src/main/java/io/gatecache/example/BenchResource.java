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

    /** Twenty tags, as a content page with a few relations carries. */
    static final String TWENTY_TAGS = "all c55 ct2 l22 pl20 p2 p20 p22 r56 rl24 r57 rl23 r50 rl20 r51 rl21 r52 rl2 x1 x2";

    /** The same page as {@link #cached}, stored with twenty tags: a hit checks each against the purges recorded. */
    @GET
    @Path("tagged")
    @Cached(sMaxAge = 3600)
    public Response tagged() {
        return Response.ok(BODY).header("xkey", TWENTY_TAGS).build();
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
