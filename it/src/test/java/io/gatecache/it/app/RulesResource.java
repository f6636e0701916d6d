package io.gatecache.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Resources for the cache-rule tests; every call is counted under "rules/<what>/<name>". */
@Path("rules")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class RulesResource {

    @Inject
    Probe probe;

    /** A 404 with no caching headers at all. */
    @GET
    @Path("missing/{name}")
    public Response missing(@PathParam("name") String name) {
        int n = probe.called("rules/missing/" + name);
        return Response.status(404).entity("not found, call " + n).build();
    }

    /** A 503 with no caching headers at all. */
    @GET
    @Path("error/{name}")
    public Response error(@PathParam("name") String name) {
        int n = probe.called("rules/error/" + name);
        return Response.status(503).entity("unavailable, call " + n).build();
    }

    /** Files whose origin forbids storing them. */
    @GET
    @Path("files/{file}")
    public Response file(@PathParam("file") String file) {
        int n = probe.called("rules/files/" + file);
        return Response.ok("file call " + n).header("Cache-Control", "no-store").build();
    }

    /** Pages whose origin forbids storing them, for rules added at run time. */
    @GET
    @Path("live/{name}")
    public Response live(@PathParam("name") String name) {
        int n = probe.called("rules/live/" + name);
        return Response.ok("live call " + n).header("Cache-Control", "no-store").build();
    }

    // ---- the cache MBean, through the platform MBeanServer ---------------------------------

    @GET
    @Path("jmx")
    public String rules(@Context ServletContext context) throws Exception {
        // an MXBean presents a List<String> as a String[]
        return String.join("\n", (String[]) CacheMBean.server().getAttribute(CacheMBean.name(context),
                "Rules"));
    }

    @POST
    @Path("jmx/{name}")
    public Response add(@PathParam("name") String name, @QueryParam("definition") String definition,
            @Context ServletContext context) throws Exception {
        try {
            CacheMBean.server().invoke(CacheMBean.name(context), "addRule",
                    new Object[] {name, definition}, new String[] {String.class.getName(), String.class.getName()});
            return Response.noContent().build();
        } catch (javax.management.RuntimeMBeanException e) {
            return Response.status(400).entity(e.getCause().getMessage()).build();
        }
    }

    @DELETE
    @Path("jmx/{name}")
    public String remove(@PathParam("name") String name, @Context ServletContext context) throws Exception {
        return String.valueOf(CacheMBean.server().invoke(CacheMBean.name(context), "removeRule",
                new Object[] {name}, new String[] {String.class.getName()}));
    }

}
