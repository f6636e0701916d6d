package io.gatecache.it.app;

import io.gatecache.api.CacheClearEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Records every cache clear event twice: after the built-in observer (before the application's
 * own, priority 1500) and after every observer (priority 5000); read and reset over HTTP, one
 * line per event: {@code CHANGE builtin-tags | all-tags}, tags sorted.
 */
@ApplicationScoped
@Path("clears")
@Produces(MediaType.TEXT_PLAIN)
public class ClearRecorder {

    @jakarta.inject.Inject
    io.gatecache.api.CachePurger purger;

    private static final List<String> BUILT_IN = new ArrayList<>();
    private static final List<String> LINES = new ArrayList<>();

    void afterBuiltIn(@Observes @Priority(1500) CacheClearEvent event) {
        synchronized (LINES) {
            BUILT_IN.add(String.join(",", new TreeSet<>(event.tags())));
        }
    }

    void afterAll(@Observes @Priority(5000) CacheClearEvent event) {
        synchronized (LINES) {
            LINES.add(event.change() + " " + BUILT_IN.remove(0) + " | " + String.join(",", new TreeSet<>(event.tags())));
        }
    }

    @GET
    public String lines() {
        synchronized (LINES) {
            return String.join("\n", LINES);
        }
    }

    /** purgeForContent through the injected CachePurger: the tags purged, sorted. */
    @jakarta.ws.rs.POST
    @Path("purger/{id}")
    public String purger(@jakarta.ws.rs.PathParam("id") long id) {
        return String.join(",", new TreeSet<>(purger.purgeForContent(id)));
    }

    /**
     * purgeForContent through the cache MBean, from a thread whose context class loader is not the
     * application's, as a remote JMX client's is: the tags purged, sorted.
     */
    @jakarta.ws.rs.POST
    @Path("jmx/{id}")
    public String jmx(@jakarta.ws.rs.PathParam("id") long id, @jakarta.ws.rs.core.Context jakarta.servlet.ServletContext context)
            throws Exception {
        javax.management.ObjectName name = CacheMBean.name(context);
        java.util.concurrent.CompletableFuture<Object> result = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(CacheMBean.server().invoke(name, "purgeForContent", new Object[] {id},
                        new String[] {long.class.getName()}));
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        t.setContextClassLoader(ClassLoader.getSystemClassLoader());
        t.start();
        Object tags = result.get(30, java.util.concurrent.TimeUnit.SECONDS);
        return String.join(",", new TreeSet<>(java.util.Arrays.asList((String[]) tags)));
    }

    @DELETE
    public void reset() {
        synchronized (LINES) {
            LINES.clear();
            BUILT_IN.clear();
        }
    }
}
