package io.gatecache.jakarta;

import io.gatecache.core.CacheKey;
import io.gatecache.core.HttpDate;
import io.gatecache.core.Lookup;
import io.gatecache.core.RequestFields;
import io.gatecache.core.StoredResponse;
import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Pre-matching request filter: acts on the request's lookup before any resource is chosen. On a
 * stale entry with validators it puts the stored {@code ETag} / {@code Last-Modified} in the
 * request, so a resource that calls {@code Request.evaluatePreconditions} answers 304 cheaply.
 * Without {@link GatecacheFilter} in front, it looks the request up itself and answers what the
 * store satisfies.
 */
@Provider
@PreMatching
@Priority(100)
public class CacheRequestFilter implements ContainerRequestFilter {

    @Context
    private ServletContext servletContext;

    @Override
    public void filter(ContainerRequestContext ctx) {
        CacheEngine engine = JaxrsSupport.engine(servletContext);
        if (engine == null) {
            return;
        }
        Exchange ex = (Exchange) ctx.getProperty(Exchange.ATTRIBUTE);
        if (ex == null) {
            ex = lookUp(engine, ctx);
            if (ex.answered) {
                return;
            }
        }
        if (ex.lookup.outcome() == Lookup.Outcome.REVALIDATE && ex.entry().hasValidator()) {
            addValidators(ctx.getHeaders(), ex.entry());
            ex.validatorsAdded = true;
        }
    }

    /** Replaces the client's validators with the stored response's (RFC 9111 §4.3.1). */
    private static void addValidators(MultivaluedMap<String, String> headers, StoredResponse entry) {
        headers.remove("If-None-Match");
        headers.remove("If-Modified-Since");
        entry.etag().ifPresent(tag -> headers.putSingle("If-None-Match", tag.toString()));
        if (entry.lastModified() >= 0) {
            headers.putSingle("If-Modified-Since", HttpDate.format(entry.lastModified()));
        }
    }

    /** The lookup when no servlet filter made one (no coalescing, no background refresh). */
    private static Exchange lookUp(CacheEngine engine, ContainerRequestContext ctx) {
        // a snapshot: the request's headers may be changed below, the client's must stay readable
        RequestFields fields = RequestFields.of(JaxrsSupport.headers(ctx.getHeaders()));
        URI u = ctx.getUriInfo().getRequestUri();
        Exchange ex = engine.begin(ctx.getMethod(), CacheKey.origin(u.getScheme(), u.getHost(), u.getPort()),
                u.getRawPath(), u.getRawQuery(), fields);
        ctx.setProperty(Exchange.ATTRIBUTE, ex);
        Answer answer = engine.serve(ex, null);
        if (answer != null) {
            ex.answered = true;
            ctx.abortWith(JaxrsSupport.response(answer));
        }
        return ex;
    }
}
