package io.gatecache.jakarta.servlet;

import io.gatecache.engine.BelowContainer;
import io.gatecache.engine.FrontDoor;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.BiPredicate;

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

    /** The door for an adapter inside the application (WildFly's Undertow handler). */
    private final BelowContainer door;
    /** The door Payara's valve reaches through {@link #test} (it cannot name this class). */
    private final BelowContainer valve;

    FastPath(GatecacheRuntime runtime, ServletContext context) {
        this.door = door(runtime, context, FrontDoor.UNDERTOW);
        this.valve = door(runtime, context, FrontDoor.VALVE);
    }

    /** The application's door below the container, for the adapter {@code kind}. */
    static BelowContainer door(GatecacheRuntime runtime, ServletContext context, FrontDoor kind) {
        String cookie = context.getSessionCookieConfig().getName();
        String application = context.getContextPath().isEmpty() ? "/" : context.getContextPath();
        String sessionCookie = cookie == null || cookie.isBlank() ? "JSESSIONID" : cookie;
        return new BelowContainer(runtime.engine(), runtime.store(), context.getClassLoader(), application,
                sessionCookie, kind);
    }

    /** The door, for an adapter inside the application (WildFly's Undertow handler). */
    public BelowContainer door() {
        return door;
    }

    @Override
    public boolean test(HttpServletRequest req, HttpServletResponse res) {
        if (ClosingConnections.closing(req)) {
            // sent behind a request after which the connection closes: refused in the container
            return false;
        }
        return valve.answer(new ServletRequestView(req), new ServletResponseView(res),
                req.getAttribute(CONSTRAINED) != null);
    }
}
