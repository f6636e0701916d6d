package io.gatecache.it.app;

import io.gatecache.api.Cached;
import io.gatecache.api.ContentAware;
import io.gatecache.api.ResponseTagger;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Tagged responses: by a header field, by {@code @ContentAware}, by {@link ResponseTagger}. */
@Path("tagged")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class TaggedResource {

    @Inject
    Probe probe;

    @Inject
    ResponseTagger tagger;

    /** Tags in the field the test names; the body names the call. */
    @GET
    @Path("header/{name}")
    public Response header(@PathParam("name") String name, @QueryParam("tags") String tags,
            @QueryParam("field") @DefaultValue("X-Cache-Tags") String field,
            @QueryParam("cc") @DefaultValue("public, max-age=600, stale-while-revalidate=30") String cc) {
        int n = probe.called("tagged/" + name);
        return Response.ok("call " + n).header("Cache-Control", cc).header(field, tags).build();
    }

    /** The same, held at the gate {@code tagged/<name>} until the test opens it. */
    @GET
    @Path("gated/{name}")
    public Response gated(@PathParam("name") String name, @QueryParam("tags") String tags)
            throws InterruptedException {
        int n = probe.called("tagged/" + name);
        probe.pass("tagged/" + name);
        return Response.ok("call " + n).header("Cache-Control", "public, max-age=600").header("xkey", tags).build();
    }

    /** Tagged by the annotation (item-{id}) and by code (coded-{id}). */
    @GET
    @Path("aware/{id}")
    @ContentAware(tags = "item-{id}")
    @Cached(sMaxAge = 600)
    public String aware(@PathParam("id") String id) {
        tagger.addTags("coded-" + id);
        return "call " + probe.called("tagged/aware-" + id);
    }
}
