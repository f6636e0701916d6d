package io.gatecache.jakarta;

import io.gatecache.core.CacheStatus;
import io.gatecache.core.DefaultCacheControl;
import io.gatecache.core.Headers;
import io.gatecache.core.HttpDate;
import io.gatecache.core.StoragePolicy;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.rules.RulePolicy;
import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Response filter, run after every other response filter: decides what happens to the
 * resource's response. A 304 to the cache's own validators freshens the stored entry and answers
 * from it; an error within stale-if-error answers the stale entry; a storable response is marked
 * for {@link CacheWriterInterceptor} to store; a successful unsafe request invalidates its target.
 * It also adds the status fields.
 */
@Provider
@Priority(10)
public class CacheResponseFilter implements ContainerResponseFilter {

    @Context
    private ServletContext servletContext;

    @Context
    private HttpServletResponse servletResponse;

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        CacheEngine engine = JaxrsSupport.engine(servletContext);
        Exchange ex = (Exchange) req.getProperty(Exchange.ATTRIBUTE);
        if (engine == null || ex == null || ex.answered) {
            return;
        }
        int status = res.getStatus();
        ex.originStatus = status;
        MultivaluedMap<String, Object> headers = res.getHeaders();
        if (!headers.containsKey("Date")) {
            headers.putSingle("Date", HttpDate.format(engine.now()));
        }
        if (!ex.request.isGetOrHead()) {
            if (ex.request.isUnsafe() && status >= 200 && status < 400) {
                engine.invalidateAfterUnsafe(ex, res.getHeaderString("Location"),
                        res.getHeaderString("Content-Location"));
            }
            finish(engine, ex, res, CacheStatus.DYNAMIC, false, "method");
            return;
        }
        if (status == 304 && ex.validatorsAdded) {
            answerFromStore(engine, ex, res, engine.answer(ex, engine.freshen(ex, JaxrsSupport.headers(headers)),
                    CacheStatus.REVALIDATED, null));
            return;
        }
        if (status >= 500) {
            Answer stale = engine.staleOnError(ex);
            if (stale != null) {
                answerFromStore(engine, ex, res, stale);
                return;
            }
            if (ex.originUnreachable && ex.entry() != null) {
                // RFC 9111 §5.2.2.2: a stored response that may not be served stale gives a 504
                res.setStatus(504);
                status = 504;
            }
        }
        if (ex.request.method().equals("HEAD") && status == 200 && ex.entry() != null) {
            // RFC 9111 §4.3.5: a 200 to HEAD freshens the stored GET it describes, which then
            // answers (with the stored fields the HEAD did not repeat) unless the HEAD sets a
            // cookie, which only the origin's own answer carries; or it invalidates the GET
            StoredResponse freshened = engine.headResponse(ex, JaxrsSupport.headers(headers));
            if (freshened != null && !headers.containsKey("Set-Cookie")) {
                answerFromStore(engine, ex, res, engine.answer(ex, freshened, CacheStatus.REVALIDATED, null));
                return;
            }
        }
        engine.trace(ex, ex.entry() == null ? "miss" : "invalid");
        Headers origin = JaxrsSupport.withServletCookies(JaxrsSupport.headers(headers), servletResponse);
        RulePolicy.Decision rule = engine.ruleDecision(ex, status, origin);
        StoragePolicy.Decision decision;
        boolean defaulted = false;
        switch (rule.verdict()) {
            case DO_NOT_CACHE -> decision = rule.forbidden()
                    ? new StoragePolicy.Decision(false, CacheStatus.BYPASS, rule.reason())
                    : new StoragePolicy.Decision(false, CacheStatus.DYNAMIC, rule.reason());
            case CACHE_FOR -> {
                decision = engine.storabilityForRule(ex, status, origin);
                ex.cacheTtl = rule.ttl();
            }
            default -> {
                if (engine.settings().options().defaultCacheControl()
                        && req.getProperty(GatewayResource.MARK) == null) {
                    String cc = DefaultCacheControl.forResponse(origin);
                    if (cc != null) {
                        headers.putSingle("Cache-Control", cc);
                        origin = origin.with("Cache-Control", cc);
                        defaulted = true;
                    }
                }
                decision = engine.storability(ex, status, origin);
            }
        }
        if (!decision.store()) {
            engine.trace(ex, "pass");
            if (ex.entry() != null && ex.request.method().equals("GET") && !ex.originUnreachable) {
                // the origin's answer replaces what was stored, and may not be stored itself
                // (no answer at all replaces nothing: the entry stays for when the origin is back)
                engine.invalidate(ex.key);
            }
            finish(engine, ex, res, defaulted ? CacheStatus.DYNAMIC : decision.refusal(), false, decision.reason());
            engine.release(ex);
            return;
        }
        if (res.hasEntity()) {
            ex.storing = true;
        } else {
            engine.store(ex, status, origin.without("Set-Cookie"), new byte[0]);
            engine.release(ex);
        }
        finish(engine, ex, res, ex.entry() == null ? CacheStatus.MISS : CacheStatus.EXPIRED, true,
                rule.verdict() == RulePolicy.Verdict.CACHE_FOR ? rule.reason() : null);
    }

    /** Replaces the resource's response with one from the store, and ends the exchange's turn. */
    private static void answerFromStore(CacheEngine engine, Exchange ex, ContainerResponseContext res, Answer answer) {
        ex.answered = true;
        JaxrsSupport.replace(res, answer);
        engine.release(ex);
    }

    private static void finish(CacheEngine engine, Exchange ex, ContainerResponseContext res, CacheStatus status,
            boolean stored, String detail) {
        ex.status = status;
        engine.statistics().record(status);
        Headers.Builder b = Headers.builder();
        engine.addStatusFields(b, ex, false, CacheEngine.fwd(ex), res.getStatus(), null, stored, detail);
        Headers fields = b.build();
        for (int i = 0; i < fields.size(); i++) {
            res.getHeaders().add(fields.name(i), fields.value(i));
        }
    }
}
