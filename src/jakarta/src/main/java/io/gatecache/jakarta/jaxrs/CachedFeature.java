package io.gatecache.jakarta.jaxrs;

import io.gatecache.api.Cached;
import io.gatecache.jakarta.cdi.CachedValidator;
import io.gatecache.jakarta.cdi.GatecacheExtension;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Binds {@link Cached} to the GET resource methods it applies to (a method's own annotation, else
 * its class's). It checks each use again as JAX-RS starts, for resources CDI does not discover,
 * and fails the application with the same message as {@link GatecacheExtension}.
 */
@Provider
public class CachedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo info, FeatureContext context) {
        Method method = info.getResourceMethod();
        if (method == null) {
            return;
        }
        Cached cached = method.getAnnotation(Cached.class);
        List<String> errors;
        if (cached != null) {
            errors = CachedValidator.validate(method, cached);
        } else {
            cached = info.getResourceClass() == null ? null : info.getResourceClass().getAnnotation(Cached.class);
            if (cached == null || !"GET".equals(CachedValidator.httpMethod(method))) {
                return;
            }
            errors = CachedValidator.validate(info.getResourceClass(), cached);
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(GatecacheExtension.message(errors));
        }
        context.register(new CachedHeaders(CachedValidator.cacheControl(cached), List.of(cached.vary())),
                Priorities.HEADER_DECORATOR);
        if (cached.userContext()) {
            context.register(UserContextVary.configured(), Priorities.HEADER_DECORATOR + 1);
        }
    }

    /**
     * Adds the annotation's Cache-Control to successful and redirect responses that set none, and
     * its Vary fields. Error responses keep their own headers (or the conservative default).
     */
    static final class CachedHeaders implements ContainerResponseFilter {
        private final String cacheControl;
        private final List<String> vary;

        CachedHeaders(String cacheControl, List<String> vary) {
            this.cacheControl = cacheControl;
            this.vary = vary;
        }

        @Override
        public void filter(ContainerRequestContext req, ContainerResponseContext res) {
            if (res.getStatus() >= 400) {
                return;
            }
            MultivaluedMap<String, Object> h = res.getHeaders();
            if (!h.containsKey("Cache-Control")) {
                h.putSingle("Cache-Control", cacheControl);
            }
            if (!vary.isEmpty()) {
                String existing = res.getHeaderString("Vary");
                String add = String.join(", ", vary);
                h.putSingle("Vary", existing == null || existing.isBlank() ? add : existing + ", " + add);
            }
        }
    }
}
