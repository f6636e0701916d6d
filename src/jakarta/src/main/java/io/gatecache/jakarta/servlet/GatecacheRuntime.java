package io.gatecache.jakarta.servlet;

import io.gatecache.engine.BackgroundRefresher;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.GatewayRoute;
import io.gatecache.engine.OriginClient;
import io.gatecache.spi.ResponseStore;

/**
 * One application's cache, as started by {@link GatecacheInitializer}: the engine, its store, the
 * origin client shared by the gateway and the background refresher, and gateway mode's route
 * (null outside gateway mode). Found by the front door and the gateway servlet as a servlet
 * context attribute, once, when they start.
 */
public record GatecacheRuntime(CacheEngine engine, ResponseStore store, OriginClient client,
        BackgroundRefresher refresher, GatewayRoute route) {

    /** The servlet context attribute that holds the runtime. */
    public static final String ATTRIBUTE = GatecacheRuntime.class.getName();
}
