package io.gatecache.jakarta.servlet;

import io.gatecache.core.CacheKey;
import io.gatecache.engine.Answer;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.Exchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.function.BiPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cache's fast path for a front door below the web container that sees the request through
 * the Servlet API only, from outside the application's class loader (Payara's valve, loaded by
 * the server): published as the servlet context attribute {@link #ATTRIBUTE}, and a
 * {@link BiPredicate} of Servlet API types, so that the other side needs no class of the cache's.
 * {@link #test} answers a request the store answers fresh, with the same engine and policy as
 * the servlet front door ({@link CacheEngine#fresh}), and returns true; or writes nothing and
 * returns false, for the request to go on into the container.
 */
public final class FastPath implements BiPredicate<HttpServletRequest, HttpServletResponse> {

    /** The servlet context attribute that holds the fast path. */
    public static final String ATTRIBUTE = "io.gatecache.fast-path";

    private static final Logger LOG = Logger.getLogger(FastPath.class.getName());

    private final GatecacheRuntime runtime;
    private final ClassLoader loader;

    FastPath(GatecacheRuntime runtime, ClassLoader loader) {
        this.runtime = runtime;
        this.loader = loader;
    }

    @Override
    public boolean test(HttpServletRequest req, HttpServletResponse res) {
        CacheEngine engine = runtime.engine();
        if (!engine.mayAnswerBelowContainer(req.getMethod(), req.getRequestURI(), hosts(req),
                name -> req.getHeader(name) != null)) {
            return false;
        }
        // called before the container enters the application: the store reads with its class loader
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Exchange ex = engine.begin(req.getMethod(),
                    CacheKey.origin(req.getScheme(), req.getServerName(), req.getServerPort()),
                    req.getLocalPort(), req.getRequestURI(), req.getQueryString(),
                    name -> GatecacheFilter.field(req, name));
            Answer answer = engine.fresh(ex);
            if (answer == null) {
                return false;
            }
            GatecacheFilter.write(res, answer);
        } catch (IOException clientGone) {
            LOG.log(Level.FINE, "Gatecache: a hit could not be written", clientGone);
        } finally {
            thread.setContextClassLoader(caller);
        }
        return true;
    }

    private static int hosts(HttpServletRequest req) {
        int n = 0;
        for (Enumeration<String> values = req.getHeaders("Host"); values.hasMoreElements(); values.nextElement()) {
            n++;
        }
        return n;
    }
}
