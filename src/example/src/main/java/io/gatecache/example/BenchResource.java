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

    static final int FRAGMENTS = 10;
    static final String FRAGMENT_BODY = "f".repeat(199) + "\n";
    static final String ESI = "content=\"ESI/1.0\"";

    /** A page of ten cached fragments (each 200 bytes, an hour), assembled at every delivery. */
    @GET
    @Path("esi")
    @Cached(sMaxAge = 3600)
    public Response esi() {
        return Response.ok(page("fragment/")).header("Surrogate-Control", ESI).build();
    }

    /** The same page as one cached response, assembled once by the resource. */
    @GET
    @Path("esi-flat")
    @Cached(sMaxAge = 3600)
    public String esiFlat() {
        StringBuilder b = new StringBuilder("<html><body><h1>page</h1>");
        for (int i = 0; i < FRAGMENTS; i++) {
            b.append(FRAGMENT_BODY);
        }
        return b.append("</body></html>\n").toString();
    }

    /** The page of ten fragments that each take 20 ms and are never stored: every delivery fetches them. */
    @GET
    @Path("esi-slow")
    @Cached(sMaxAge = 3600)
    public Response esiSlow() {
        return Response.ok(page("slow-fragment/")).header("Surrogate-Control", ESI).build();
    }

    private static String page(String fragment) {
        StringBuilder b = new StringBuilder("<html><body><h1>page</h1>");
        for (int i = 0; i < FRAGMENTS; i++) {
            b.append("<esi:include src=\"/api/bench/").append(fragment).append(i).append("\"/>");
        }
        return b.append("</body></html>\n").toString();
    }

    /** A cached fragment. */
    @GET
    @Path("fragment/{i}")
    @Cached(sMaxAge = 3600)
    public String fragment() {
        return FRAGMENT_BODY;
    }

    /** A fragment that takes 20 ms, never stored. */
    @GET
    @Path("slow-fragment/{i}")
    public Response slowFragment() throws InterruptedException {
        return slowNoStore(FRAGMENT_BODY);
    }

    /** A trivial resource the cache does not store. */
    @GET
    @Path("plain")
    public String plain() {
        return BODY;
    }

    /** The same body for one user only: the cache passes it on (BYPASS) and keeps nothing. */
    @GET
    @Path("private")
    public Response privatePage() {
        return Response.ok(BODY).header("Cache-Control", "private, max-age=60").build();
    }

    /**
     * A page that costs about 20 ms and may be stored for an hour: a new query string each time
     * (the benchmark's) makes every request a miss that stores it.
     */
    @GET
    @Path("slow-stored")
    public Response slowStored() throws InterruptedException {
        Thread.sleep(20);
        return Response.ok(BODY).header("Cache-Control", "public, max-age=3600").build();
    }

    /** A page that costs about 20 ms; never stored here (Varnish caches it in the benchmark by its VCL). */
    @GET
    @Path("slow")
    public Response slow() throws InterruptedException {
        return slowNoStore(BODY);
    }

    /** A body after 20 ms of work, marked never to be stored. */
    private static Response slowNoStore(String body) throws InterruptedException {
        Thread.sleep(20);
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }
}
