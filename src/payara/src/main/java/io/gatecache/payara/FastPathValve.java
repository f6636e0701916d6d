package io.gatecache.payara;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.Request;
import org.apache.catalina.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * The cache's front door on Payara's virtual server, opt-in: a request the application's cache
 * answers fresh (a hit, a 304, a HEAD, a single range) is answered here, once the request is
 * mapped to its application and before the web container enters it (its valves, filters and
 * servlets). Everything else goes on, untouched.
 *
 * <p>Loaded by the server's class loader, it reaches each application's cache through the
 * servlet context attribute {@code io.gatecache.fast-path}, a {@link BiPredicate} of Servlet API
 * types the cache publishes when it starts. Applications without the cache, and any with
 * security constraints (whose authentication runs inside the container's pipeline), are not
 * looked at; the cache declines for an application that authenticates requests itself.
 */
public class FastPathValve extends ValveBase {

    /** The servlet context attribute the cache publishes its fast path as (its {@code FastPath.ATTRIBUTE}). */
    static final String ATTRIBUTE = "io.gatecache.fast-path";

    private static final Logger LOG = Logger.getLogger(FastPathValve.class.getName());

    /** The applications said to have security constraints, by path: each is logged once. */
    private final Set<String> guarded = ConcurrentHashMap.newKeySet();

    /** Made by the virtual server, which then takes the valve into its pipeline. */
    public FastPathValve() {
        LOG.info("Gatecache: the fast path valve is on");
    }

    @Override
    public String getInfo() {
        return "io.gatecache.payara.FastPathValve/1.0";
    }

    @Override
    public int invoke(Request request, Response response) {
        Context context = request.getContext();
        if (context == null || guarded(context)
                || !(context.getServletContext().getAttribute(ATTRIBUTE) instanceof BiPredicate<?, ?> fastPath)) {
            return INVOKE_NEXT;
        }
        @SuppressWarnings("unchecked")
        BiPredicate<ServletRequest, ServletResponse> cache = (BiPredicate<ServletRequest, ServletResponse>) fastPath;
        try {
            return cache.test(request.getRequest(), response.getResponse()) ? END_PIPELINE : INVOKE_NEXT;
        } catch (RuntimeException | LinkageError e) {
            // an application whose servlet API is not the server's, say: the container answers
            LOG.log(Level.WARNING, "Gatecache: the fast path failed; the request goes on into the container", e);
            return response.getResponse().isCommitted() ? END_PIPELINE : INVOKE_NEXT;
        }
    }

    /**
     * Whether the application has security constraints. Not its login configuration: Payara's
     * default web.xml gives every application one.
     */
    private boolean guarded(Context context) {
        if (!context.hasConstraints()) {
            return false;
        }
        if (guarded.add(context.getPath())) {
            LOG.info(() -> "Gatecache: '" + context.getPath() + "' has security constraints: every request"
                    + " goes into the web container (no fast path)");
        }
        return true;
    }
}
