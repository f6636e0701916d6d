package io.gatecache.payara;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.function.BiPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.Request;
import org.apache.catalina.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * The cache's door below the web container on Payara's virtual server, opt-in: an adapter that
 * hands each request, once it is mapped to its application and before the web container enters
 * it (its valves, filters and servlets), to the application's cache, which answers it when the
 * store answers it fresh (a hit, a 304, a HEAD, a single range). Everything else goes on,
 * untouched.
 *
 * <p>Loaded by the server's class loader, it reaches each application's cache through the
 * servlet context attribute {@value #ATTRIBUTE}, a {@link BiPredicate} of Servlet API types the
 * cache publishes when it starts; applications without the cache are not looked at. It tells the
 * cache of the application's security constraints (whose authentication runs inside the
 * container's pipeline) with the request attribute {@value #CONSTRAINED}: the cache decides.
 */
public class FastPathValve extends ValveBase {

    /** The servlet context attribute the cache publishes its fast path as (its {@code FastPath.ATTRIBUTE}). */
    static final String ATTRIBUTE = "io.gatecache.fast-path";
    /** The request attribute that says the application has security constraints (its {@code FastPath.CONSTRAINED}). */
    static final String CONSTRAINED = "io.gatecache.fast-path.constrained";

    private static final Logger LOG = Logger.getLogger(FastPathValve.class.getName());

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
        if (context == null
                || !(context.getServletContext().getAttribute(ATTRIBUTE) instanceof BiPredicate<?, ?> fastPath)) {
            return INVOKE_NEXT;
        }
        @SuppressWarnings("unchecked")
        BiPredicate<ServletRequest, ServletResponse> cache = (BiPredicate<ServletRequest, ServletResponse>) fastPath;
        ServletRequest servletRequest = request.getRequest();
        if (context.hasConstraints()) {
            // not its login configuration: Payara's default web.xml gives every application one
            servletRequest.setAttribute(CONSTRAINED, Boolean.TRUE);
        }
        try {
            return cache.test(servletRequest, response.getResponse()) ? END_PIPELINE : INVOKE_NEXT;
        } catch (RuntimeException | LinkageError e) {
            // an application whose servlet API is not the server's, say: the container answers
            LOG.log(Level.WARNING, "Gatecache: the fast path failed; the request goes on into the container", e);
            return response.getResponse().isCommitted() ? END_PIPELINE : INVOKE_NEXT;
        } finally {
            servletRequest.removeAttribute(CONSTRAINED);
        }
    }
}
