package io.gatecache.jakarta.servlet;

import io.gatecache.core.CacheKey;
import io.gatecache.engine.Answer;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.Exchange;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContext;
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
    private final ServletContext context;
    private final ClassLoader loader;
    /** Whether the application authenticates requests itself; known from its first request. */
    private volatile Boolean authenticates;

    FastPath(GatecacheRuntime runtime, ServletContext context) {
        this.runtime = runtime;
        this.context = context;
        this.loader = context.getClassLoader();
    }

    /** The application's cache. */
    public GatecacheRuntime runtime() {
        return runtime;
    }

    @Override
    public boolean test(HttpServletRequest req, HttpServletResponse res) {
        if (ClosingConnections.closing(req)) {
            // sent behind a request after which the connection closes: refused in the container
            return false;
        }
        CacheEngine engine = runtime.engine();
        if (!engine.mayAnswerBelowContainer(req.getMethod(), req.getRequestURI(), hosts(req),
                name -> req.getHeader(name) != null) || authenticates()) {
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
        } catch (RuntimeException e) {
            // the store closed under a request while the application stops, say: the container
            // answers it, unless the answer has begun
            LOG.log(Level.WARNING, "Gatecache: the fast path failed; the request goes on into the container", e);
            if (!res.isCommitted()) {
                res.reset();
                return false;
            }
        } finally {
            thread.setContextClassLoader(caller);
        }
        return true;
    }

    /**
     * Whether the application authenticates requests itself, through a Jakarta Authentication
     * provider registered for it (a Jakarta Security mechanism, say): its container may then
     * authenticate any request, constrained or not, so no hit of it is answered below the
     * container. Asked on its first request (providers are registered while it starts); logged
     * when true; true when it cannot be told.
     */
    public boolean authenticates() {
        Boolean known = authenticates;
        if (known == null) {
            known = authenticatesItself(context);
            authenticates = known;
        }
        return known;
    }

    private static boolean authenticatesItself(ServletContext context) {
        String application = context.getVirtualServerName() + " " + context.getContextPath();
        boolean registered;
        try {
            AuthConfigFactory factory = AuthConfigFactory.getFactory();
            registered = factory != null && registeredFor(factory, application);
        } catch (RuntimeException | LinkageError unknown) {
            LOG.log(Level.FINE, "Gatecache: no Jakarta Authentication factory to ask", unknown);
            registered = true;
        }
        if (registered) {
            LOG.info(() -> "Gatecache: '" + context.getContextPath() + "' authenticates requests itself (Jakarta"
                    + " Authentication): every request goes into the web container (no fast path)");
        }
        return registered;
    }

    private static boolean registeredFor(AuthConfigFactory factory, String application) {
        String[] ids = factory.getRegistrationIDs(null);
        if (ids == null) {
            return false;
        }
        for (String id : ids) {
            AuthConfigFactory.RegistrationContext registration = factory.getRegistrationContext(id);
            if (registration != null && application.equals(registration.getAppContext())) {
                return true;
            }
        }
        return false;
    }

    private static int hosts(HttpServletRequest req) {
        int n = 0;
        for (Enumeration<String> values = req.getHeaders("Host"); values.hasMoreElements(); values.nextElement()) {
            n++;
        }
        return n;
    }
}
