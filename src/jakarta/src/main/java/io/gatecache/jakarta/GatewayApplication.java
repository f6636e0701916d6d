package io.gatecache.jakarta;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The JAX-RS application of gateway mode: the catch-all resource and the cache's providers. It
 * has no {@code @ApplicationPath}: {@link GatecacheInitializer} maps it to the gateway prefix
 * only when {@code gatecache.gateway.origin} is set.
 */
public class GatewayApplication extends Application {

    /** The origin's Location goes out as it came (Jersey would make a relative one absolute). */
    @Override
    public java.util.Map<String, Object> getProperties() {
        return java.util.Map.of("jersey.config.server.headers.location.relative.resolution.disabled", true);
    }

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(GatewayResource.class, GatewayMethodFilter.class, CacheRequestFilter.class,
                CacheResponseFilter.class, CacheWriterInterceptor.class);
    }
}
