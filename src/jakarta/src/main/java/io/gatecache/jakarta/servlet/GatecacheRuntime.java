package io.gatecache.jakarta.servlet;

import io.gatecache.engine.BackgroundRefresher;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.GatewayRoute;
import io.gatecache.engine.OriginClient;
import io.gatecache.spi.ResponseStore;

/**
 * One application's cache, as started by {@link GatecacheInitializer}: the engine, its store, the
 * origin client shared by the gateway and the background refresher, gateway mode's route
 * (null outside gateway mode), and what works out a user's context. Found by the front door and the gateway servlet as a servlet
 * context attribute, once, when they start.
 */
public record GatecacheRuntime(CacheEngine engine, ResponseStore store, OriginClient client,
        BackgroundRefresher refresher, GatewayRoute route, io.gatecache.jakarta.context.ContextProviders contexts) {

    /** The servlet context attribute that holds the runtime. */
    public static final String ATTRIBUTE = GatecacheRuntime.class.getName();

    /** The running caches of this class loader by context path, for components outside the web context. */
    private static final java.util.concurrent.ConcurrentHashMap<String, GatecacheRuntime> BY_CONTEXT =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The caches running in this class loader by context path: one for a WAR, one per web module of an EAR. */
    public static java.util.Map<String, GatecacheRuntime> running() {
        return java.util.Map.copyOf(BY_CONTEXT);
    }

    /**
     * The cache of the application a bean runs in: the servlet context's, else the one cache of
     * this class loader (CDI's servlet context cannot be asked outside a request); null when there
     * is none, or several to choose from.
     */
    public static GatecacheRuntime of(jakarta.servlet.ServletContext context) {
        try {
            if (context != null && context.getAttribute(ATTRIBUTE) instanceof GatecacheRuntime runtime) {
                return runtime;
            }
        } catch (RuntimeException outsideARequest) {
            // the context is only reachable through the current request: use the registry
        }
        java.util.Collection<GatecacheRuntime> all = BY_CONTEXT.values();
        return all.size() == 1 ? all.iterator().next() : null;
    }

    void register(String contextPath) {
        BY_CONTEXT.put(contextPath == null ? "" : contextPath, this);
    }

    void unregister(String contextPath) {
        BY_CONTEXT.remove(contextPath == null ? "" : contextPath, this);
    }
}
