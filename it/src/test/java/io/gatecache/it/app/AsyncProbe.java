package io.gatecache.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;

/** An asynchronous JAX-RS resource: the response is resumed from another thread. */
@Path("async")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class AsyncProbe {

    @Inject
    Probe probe;

    @GET
    @Path("{name}")
    public void get(@PathParam("name") String name, @Suspended AsyncResponse async) {
        int n = probe.called("async/" + name);
        CompletableFuture.runAsync(() -> async.resume(Response.ok("async call " + n)
                .header("Cache-Control", "public, max-age=60").build()));
    }
}
