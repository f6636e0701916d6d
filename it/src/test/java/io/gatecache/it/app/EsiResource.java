package io.gatecache.it.app;

import io.gatecache.api.Esi;
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

/**
 * ESI pages and fragments. A page is {@code page/<name>?inc=<src>&inc=...} (each include as
 * {@code src|alt|continue}); a fragment is {@code fragment/<name>?cc=...&tags=...}; every call is
 * counted under "esi/<name>".
 */
@Path("esi")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class EsiResource {

    static final String ESI = "content=\"ESI/1.0\"";

    @Inject
    Probe probe;

    @Inject
    Esi esi;

    /** A page with the includes asked for, announced as ESI. */
    @GET
    @Path("page/{name}")
    public Response page(@PathParam("name") String name, @QueryParam("inc") java.util.List<String> includes,
            @QueryParam("cc") @DefaultValue("public, s-maxage=600") String cc) {
        int n = probe.called("esi/" + name);
        StringBuilder body = new StringBuilder("[" + name + " " + n + "]");
        for (String inc : includes) {
            String[] p = inc.split("\\|", -1);
            body.append("<esi:include src=\"").append(p[0]).append('"');
            if (p.length > 1 && !p[1].isEmpty()) {
                body.append(" alt=\"").append(p[1]).append('"');
            }
            if (p.length > 2 && p[2].equals("continue")) {
                body.append(" onerror=\"continue\"");
            }
            body.append("/>");
        }
        return Response.ok(body.toString()).header("Cache-Control", cc).header("Surrogate-Control", ESI).build();
    }

    /**
     * A page of {@code n} big fragments ({@code /esi-big/<name>/<i>}, see BigFragmentServlet),
     * each of {@code size} bytes stopping after {@code stallAt}; never stored.
     */
    @GET
    @Path("many/{name}")
    public Response many(@PathParam("name") String name, @QueryParam("n") int n, @QueryParam("size") long size,
            @QueryParam("stallAt") long stallAt) {
        StringBuilder body = new StringBuilder("[" + name + "]");
        for (int i = 0; i < n; i++) {
            body.append("<esi:include src=\"../../../esi-big/").append(name).append('/').append(i).append("?size=")
                    .append(size).append("&amp;stallAt=").append(stallAt).append("\"/>");
        }
        return Response.ok(body.toString()).header("Cache-Control", "no-store").header("Surrogate-Control", ESI).build();
    }

    /** A page whose include's src holds quotes and an angle bracket (a {@code <} would end the tag). */
    @GET
    @Path("quoted")
    public Response quoted() {
        return Response.ok("[quoted]<esi:include src='/x\" onmouseover=\"alert(1)\">&amp;'/>")
                .header("Cache-Control", "no-store").header("Surrogate-Control", ESI).build();
    }

    /** A fragment: its name and call, with the Cache-Control and tags asked for. */
    @GET
    @Path("fragment/{name}")
    public Response fragment(@PathParam("name") String name, @QueryParam("cc") @DefaultValue("public, s-maxage=600") String cc,
            @QueryParam("tags") String tags) {
        int n = probe.called("esi/" + name);
        return Response.ok("(" + name + " " + n + ")").header("Cache-Control", cc).header("X-Cache-Tags", tags).build();
    }

    /** A fragment that fails. */
    @GET
    @Path("missing")
    public Response missing() {
        probe.called("esi/missing");
        return Response.status(404).entity("no such fragment").header("Cache-Control", "no-store").build();
    }

    /** A page that includes itself through another: a cycle. */
    @GET
    @Path("cycle/{name}")
    public Response cycle(@PathParam("name") String name) {
        probe.called("esi/cycle-" + name);
        String other = name.equals("a") ? "b" : "a";
        return Response.ok("{" + name + "<esi:include src=\"" + other + "\"/>}")
                .header("Cache-Control", "no-store").header("Surrogate-Control", ESI).build();
    }

    /** A page nested n deep: level n includes level n+1 up to {@code until}. */
    @GET
    @Path("deep/{level}")
    public Response deep(@PathParam("level") int level, @QueryParam("until") int until) {
        String inner = level < until ? "<esi:include src=\"" + (level + 1) + "?until=" + until + "\"/>" : "";
        return Response.ok("<" + level + inner + ">").header("Cache-Control", "public, s-maxage=600")
                .header("Surrogate-Control", ESI).build();
    }

    /** A page built with the include helper. */
    @GET
    @Path("helper")
    public Response helper() {
        probe.called("esi/helper");
        return Response.ok("[helper]" + esi.include("fragment/helped") + esi.include("missing", null, true))
                .header("Cache-Control", "public, s-maxage=600").build();
    }

    /** A fragment only fragment requests of the cache may read. */
    @GET
    @Path("private-fragment")
    public Response privateFragment() {
        if (!esi.isFragmentRequest()) {
            return Response.status(403).entity("fragments only").header("Cache-Control", "no-store").build();
        }
        return Response.ok("(secret)").header("Cache-Control", "public, s-maxage=600").build();
    }
}
