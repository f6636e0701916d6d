package io.gatecache.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** The cluster as this node's cache MBean shows it, and a purge issued over JMX on this node. */
@Path("cluster")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class ClusterResource {

    /** {@code mode role members waiting settled availability}, space-separated, from the MBean's attributes. */
    @GET
    @Path("view")
    public String view(@Context ServletContext context) throws Exception {
        var server = CacheMBean.server();
        var name = CacheMBean.name(context);
        // an MXBean presents a List<String> as a String[]
        String[] members = (String[]) server.getAttribute(name, "ClusterMembers");
        return server.getAttribute(name, "ClusterMode") + " " + server.getAttribute(name, "ClusterRole") + " "
                + members.length + " " + server.getAttribute(name, "Waiting") + " "
                + server.getAttribute(name, "ClusterSettled") + " " + server.getAttribute(name, "ClusterAvailability");
    }

    @POST
    @Path("purge-tags")
    public String purgeTags(@QueryParam("tags") String tags, @Context ServletContext context) throws Exception {
        CacheMBean.server().invoke(CacheMBean.name(context), "purgeTags", new Object[] {tags},
                new String[] {String.class.getName()});
        return "purged " + tags;
    }
}
