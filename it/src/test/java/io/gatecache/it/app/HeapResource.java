package io.gatecache.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The test server's {@link HeapWatch}, over HTTP (its answers are never stored: no caching fields). */
@Path("heap")
@Produces(MediaType.TEXT_PLAIN)
public class HeapResource {

    /** Starts watching, waiting for {@code stalls} big fragments at their stop; the baseline. */
    @POST
    @Path("start")
    public String start(@QueryParam("stalls") int stalls) {
        return String.valueOf(HeapWatch.start(stalls));
    }

    /** Waits (at most a minute) for the big fragments to stop: {@code true} when they all did. */
    @GET
    @Path("stalled")
    public String stalled() throws InterruptedException {
        return String.valueOf(HeapWatch.awaitStalled(60));
    }

    /** A full collection now: the heap in use after it. */
    @GET
    @Path("sample")
    public String sample() {
        return String.valueOf(HeapWatch.sample());
    }

    /** How many big fragments started so far. */
    @GET
    @Path("started")
    public String started() {
        return String.valueOf(HeapWatch.started());
    }

    @POST
    @Path("release")
    public String release() {
        HeapWatch.release();
        return "released";
    }

    /** {@code baseline peak collections started}, and the watch stops. */
    @GET
    @Path("report")
    public String report() {
        return HeapWatch.report();
    }
}
