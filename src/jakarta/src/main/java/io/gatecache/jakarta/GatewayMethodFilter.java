package io.gatecache.jakarta;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

/**
 * Lets the gateway forward extension methods: JAX-RS matches resource methods by designator, so a
 * method no resource method names is renamed to {@link Extension} for matching (the forwarded
 * request keeps the client's method).
 */
@PreMatching
@Priority(50)
public class GatewayMethodFilter implements ContainerRequestFilter {

    private static final Set<String> DESIGNATED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    /** The designator extension methods are matched by. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @HttpMethod(Extension.NAME)
    public @interface Extension {
        String NAME = "GATECACHE-EXTENSION";
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (!DESIGNATED.contains(ctx.getMethod())) {
            ctx.setMethod(Extension.NAME);
        }
    }
}
