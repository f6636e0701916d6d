package io.gatecache.it.app;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import javax.management.JMException;

/**
 * What this application's cache sent downstream, from its MBean: one line per attribute,
 * {@code name=value} (sent, failed, pending purges and the servers owed a purge of everything).
 */
@Path("downstream")
@Produces(MediaType.TEXT_PLAIN)
public class DownstreamState {

    @Context
    ServletContext context;

    @GET
    public String state() throws JMException {
        StringBuilder out = new StringBuilder();
        for (String name : new String[] {"DownstreamPurgesSent", "DownstreamPurgesFailed", "DownstreamPurgesPending",
                "DownstreamServersOwed"}) {
            Object value = CacheMBean.server().getAttribute(CacheMBean.name(context), name);
            out.append(name).append('=').append(value instanceof String[] a ? String.join(",", a) : value).append('\n');
        }
        return out.toString();
    }
}
