package io.gatecache.jakarta.jaxrs;

import io.gatecache.engine.config.Keys;
import io.gatecache.jakarta.config.ConfigReader;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes a resource method's successful and redirect responses vary on the user context hash
 * ({@code @Cached(userContext = true)}, {@code @ContentAware(userContext = true)}): the field's
 * name is added to their Vary, once.
 */
final class UserContextVary implements ContainerResponseFilter {

    private final String field;

    private UserContextVary(String field) {
        this.field = field;
    }

    /** The filter for the configured field ({@code gatecache.user-context.header}). */
    static UserContextVary configured() {
        return new UserContextVary(Keys.USER_CONTEXT_HEADER.read(ConfigReader.source(ConfigProvider.getConfig())));
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        if (res.getStatus() >= 400) {
            return;
        }
        String existing = res.getHeaderString("Vary");
        if (existing == null || existing.isBlank()) {
            res.getHeaders().putSingle("Vary", field);
        } else if (!io.gatecache.core.context.HiddenContext.varies(existing, field)) {
            res.getHeaders().putSingle("Vary", existing + ", " + field);
        }
    }
}
