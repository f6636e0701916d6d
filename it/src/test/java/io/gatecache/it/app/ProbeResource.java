package io.gatecache.it.app;

import io.gatecache.api.Cached;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Date;

/**
 * Resources whose every response the tests can predict; each name in a path is a test's own
 * key, so tests do not share entries. Every call is counted under "<endpoint>/<name>".
 */
@Path("probe")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class ProbeResource {

    @Inject
    Probe probe;

    /** Whatever Cache-Control the test asks for; the body names the call. */
    @GET
    @Path("cc/{name}")
    public Response cacheControl(@PathParam("name") String name, @QueryParam("cc") String cc) {
        int n = probe.called("cc/" + name);
        Response.ResponseBuilder b = Response.ok("call " + n);
        if (cc != null) {
            b.header("Cache-Control", cc);
        }
        return b.build();
    }

    /** Validation: ETag "v1" and a fixed Last-Modified, 304 through evaluatePreconditions. */
    @GET
    @Path("etag/{name}")
    public Response etag(@PathParam("name") String name, @QueryParam("maxAge") @jakarta.ws.rs.DefaultValue("1") int maxAge,
            @Context Request request) {
        probe.called("etag/" + name);
        EntityTag tag = new EntityTag("v1");
        Date modified = new Date(1_600_000_000_000L);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(modified, tag);
        String cc = "public, max-age=" + maxAge + ", stale-while-revalidate=0";
        if (notModified != null) {
            probe.called("etag-304/" + name);
            return notModified.header("Cache-Control", cc).build();
        }
        return Response.ok("representation v1").tag(tag).lastModified(modified).header("Cache-Control", cc).build();
    }

    /** Varies on Accept-Language. */
    @GET
    @Path("vary/{name}")
    @Cached(sMaxAge = 60, vary = "Accept-Language")
    public String vary(@PathParam("name") String name, @Context HttpHeaders headers) {
        probe.called("vary/" + name);
        return "language " + headers.getHeaderString("Accept-Language");
    }

    /** Sets a cookie on a response that would otherwise be public. */
    @GET
    @Path("cookie/{name}")
    public Response setCookie(@PathParam("name") String name) {
        int n = probe.called("cookie/" + name);
        return Response.ok("call " + n).header("Cache-Control", "public, max-age=60")
                .header("Set-Cookie", "session=" + n + "; Path=/").build();
    }

    /** The same, the cookie added through the Servlet API (some servers keep it out of the response's fields). */
    @GET
    @Path("servlet-cookie/{name}")
    public Response addCookie(@PathParam("name") String name,
            @Context jakarta.servlet.http.HttpServletResponse response) {
        int n = probe.called("servlet-cookie/" + name);
        response.addCookie(new jakarta.servlet.http.Cookie("user", String.valueOf(n)));
        return Response.ok("call " + n).header("Cache-Control", "public, max-age=60").build();
    }

    /** Cached items, for invalidation by unsafe methods. */
    @GET
    @Path("items/{name}")
    @Cached(sMaxAge = 60)
    public String item(@PathParam("name") String name) {
        return "item call " + probe.called("items/" + name);
    }

    @POST
    @Path("items/{name}")
    public Response change(@PathParam("name") String name) {
        probe.called("post/" + name);
        return Response.ok("changed").build();
    }

    @DELETE
    @Path("items/{name}")
    public Response failChange(@PathParam("name") String name) {
        return Response.status(409).entity("conflict").build();
    }

    /** Fails (throws, or answers 503) while the test says so; stale-if-error allows 60 s. */
    @GET
    @Path("flaky/{name}")
    public Response flaky(@PathParam("name") String name, @QueryParam("how") String how) {
        int n = probe.called("flaky/" + name);
        if (probe.failing(name)) {
            if ("status".equals(how)) {
                return Response.status(503).entity("down").build();
            }
            throw new IllegalStateException("the resource is broken");
        }
        return Response.ok("healthy call " + n)
                .header("Cache-Control", "public, max-age=1, stale-while-revalidate=0, stale-if-error=60").build();
    }

    /**
     * Slow when its gate is closed; stale-while-revalidate allows 60 s. The first answer is fresh
     * for a second, the later ones (refreshes) for ten minutes, so a refreshed entry stays fresh.
     */
    @GET
    @Path("swr/{name}")
    public Response swr(@PathParam("name") String name) throws InterruptedException {
        int n = probe.called("swr/" + name);
        probe.pass("swr/" + name);
        return Response.ok("swr call " + n)
                .header("Cache-Control", "public, max-age=" + (n == 1 ? 1 : 600) + ", stale-while-revalidate=60")
                .build();
    }

    /** Held at its gate; cacheable for a minute. */
    @GET
    @Path("slow/{name}")
    @Cached(sMaxAge = 60)
    public String slow(@PathParam("name") String name) throws InterruptedException {
        int n = probe.called("slow/" + name);
        probe.pass("slow/" + name);
        return "slow call " + n;
    }

    @POST
    @Path("slow/{name}")
    public Response changeSlow(@PathParam("name") String name) {
        probe.called("post-slow/" + name);
        return Response.noContent().build();
    }

    /** @Cached with no visibility: shared, but not for requests with cookies or credentials. */
    @GET
    @Path("auto/{name}")
    @Cached(maxAge = 60)
    public String auto(@PathParam("name") String name) {
        return "auto call " + probe.called("auto/" + name);
    }

    /** Starts an HTTP session: the container adds its session cookie outside JAX-RS. */
    @GET
    @Path("session/{name}")
    @Cached(sMaxAge = 60)
    public String session(@PathParam("name") String name, @Context jakarta.servlet.http.HttpServletRequest request) {
        request.getSession(true);
        return "session call " + probe.called("session/" + name);
    }

    // ---- test control ---------------------------------------------------------------------

    @GET
    @Path("calls/{counter: .+}")
    public String calls(@PathParam("counter") String counter) {
        return String.valueOf(probe.calls(counter));
    }

    @PUT
    @Path("gate/{gate: .+}")
    public void closeGate(@PathParam("gate") String gate) {
        probe.close(gate);
    }

    @DELETE
    @Path("gate/{gate: .+}")
    public void openGate(@PathParam("gate") String gate) {
        probe.open(gate);
    }

    @PUT
    @Path("failing/{name}")
    public void failing(@PathParam("name") String name, @QueryParam("on") boolean on) {
        probe.fail(name, on);
    }

    /** Reads an attribute of this application's cache MBean from the platform MBeanServer. */
    @GET
    @Path("jmx/{attribute}")
    public String jmx(@PathParam("attribute") String attribute, @Context jakarta.servlet.ServletContext context)
            throws Exception {
        return String.valueOf(CacheMBean.server().getAttribute(CacheMBean.name(context), attribute));
    }

    /** Invokes purgeUrl on this application's cache MBean. */
    @POST
    @Path("jmx/purge")
    public String purge(@QueryParam("url") String url, @Context jakarta.servlet.ServletContext context)
            throws Exception {
        return String.valueOf(CacheMBean.server().invoke(CacheMBean.name(context), "purgeUrl",
                new Object[] {url}, new String[] {String.class.getName()}));
    }

}
