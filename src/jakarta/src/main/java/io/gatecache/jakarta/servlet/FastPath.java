package io.gatecache.jakarta.servlet;

import io.gatecache.engine.BelowContainer;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.BiPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cache's door below the web container ({@link BelowContainer}) as the Servlet API sees it,
 * for an adapter loaded outside the application's class loader (Payara's valve, loaded by the
 * server): published as the servlet context attribute {@link #ATTRIBUTE}, and a
 * {@link BiPredicate} of Servlet API types, so that the other side needs no class of the cache's.
 * {@link #test} answers a request the store answers fresh and returns true; or writes nothing
 * and returns false, for the request to go on into the container. The adapter tells of its
 * container's security constraints for the application with the request attribute
 * {@link #CONSTRAINED}. The Undertow handler, inside the application, takes the {@link #door()}.
 */
public final class FastPath implements BiPredicate<HttpServletRequest, HttpServletResponse> {

    /** The servlet context attribute that holds the fast path. */
    public static final String ATTRIBUTE = "io.gatecache.fast-path";
    /**
     * The request attribute an adapter sets (to anything) when its container has security
     * constraints for the application: no request of it is answered below the container.
     */
    public static final String CONSTRAINED = "io.gatecache.fast-path.constrained";

    private static final Logger LOG = Logger.getLogger(FastPath.class.getName());

    private final ServletContext context;
    private final BelowContainer door;
    /** Whether the application authenticates requests itself; known from its first request. */
    private volatile Boolean authenticates;

    FastPath(GatecacheRuntime runtime, ServletContext context) {
        this.context = context;
        this.door = new BelowContainer(runtime.engine(), runtime.store(), context.getClassLoader(),
                context.getContextPath().isEmpty() ? "/" : context.getContextPath(), this::authenticates);
    }

    /** The door, for an adapter inside the application. */
    public BelowContainer door() {
        return door;
    }

    @Override
    public boolean test(HttpServletRequest req, HttpServletResponse res) {
        if (ClosingConnections.closing(req)) {
            // sent behind a request after which the connection closes: refused in the container
            return false;
        }
        return door.answer(new ServletRequestView(req), new ServletResponseView(res),
                req.getAttribute(CONSTRAINED) != null);
    }

    /**
     * Whether the application authenticates requests itself, through a Jakarta Authentication
     * provider registered for it (a Jakarta Security mechanism, say): its container may then
     * authenticate any request, constrained or not, so no hit of it is answered below the
     * container. Asked on its first request (providers are registered while it starts); true
     * when it cannot be told.
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
}
