package io.gatecache.jakarta;

import io.gatecache.core.CacheRequest;
import io.gatecache.core.CacheStatus;
import io.gatecache.core.Headers;
import io.gatecache.core.Lookup;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cache's front door, a servlet filter in front of JAX-RS: it looks the request up once and
 * answers from the store whatever the store can answer (fresh, a 304 to a conditional client,
 * HEAD from a stored GET, stale within stale-while-revalidate while one background refresh
 * runs), makes concurrent misses for one key wait for one origin call, and answers stale within
 * stale-if-error when the resource throws. Everything else it hands, with its lookup, to the
 * JAX-RS filters ({@link CacheRequestFilter}, {@link CacheResponseFilter},
 * {@link CacheWriterInterceptor}), which apply the same policy.
 */
public class GatecacheFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(GatecacheFilter.class.getName());

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CacheEngine engine = (CacheEngine) request.getServletContext().getAttribute(CacheEngine.ATTRIBUTE);
        if (engine == null || !engine.enabled() || !(request instanceof HttpServletRequest req)
                || !(response instanceof HttpServletResponse res)) {
            chain.doFilter(request, response);
            return;
        }
        String refreshKey = engine.refresher().claim(req.getHeader(BackgroundRefresher.HEADER));
        CacheRequest creq = new CacheRequest(req.getMethod(), name -> field(req, name));
        String key = refreshKey != null ? refreshKey
                : engine.key(req.getScheme(), req.getServerName(), req.getServerPort(), req.getRequestURI(),
                        req.getQueryString());
        String path = req.getRequestURI();
        Exchange ex = refreshKey != null ? engine.beginRefresh(key, creq, path) : engine.begin(key, creq, path);

        if (ex.lookup.outcome() == Lookup.Outcome.UNSATISFIABLE) {
            write(res, engine.unsatisfiable(ex));
            return;
        }
        if (answerFromStore(engine, ex, req, res)) {
            return;
        }
        Coalescer.Ticket ticket = null;
        if (refreshKey == null && (ex.lookup.outcome() == Lookup.Outcome.MISS
                || ex.lookup.outcome() == Lookup.Outcome.REVALIDATE)) {
            ticket = engine.coalescer().join(key);
            if (!ticket.leader()) {
                ticket.await(engine.settings().coalescingTimeoutMillis());
                ticket = null;
                ex = engine.again(ex, path);
                if (answerFromStore(engine, ex, req, res)) {
                    return;
                }
            }
        }
        req.setAttribute(Exchange.ATTRIBUTE, ex);
        boolean staleOnError = engine.lookupPolicy().canServeStaleOnError(ex.entry(), engine.now());
        ErrorDeferringResponse deferring = staleOnError ? new ErrorDeferringResponse(res) : null;
        try {
            chain.doFilter(req, deferring != null ? deferring : res);
            if (deferring != null && deferring.failed()) {
                if (!answerStaleOnError(engine, ex, res, null)) {
                    deferring.sendDeferred();
                }
            }
        } catch (IOException | ServletException | RuntimeException failure) {
            if (!answerStaleOnError(engine, ex, res, failure)) {
                throw failure;
            }
        } finally {
            engine.coalescer().release(ticket);
        }
    }

    /** Answers the stale entry instead of a failure, within stale-if-error; false when it may not. */
    private static boolean answerStaleOnError(CacheEngine engine, Exchange ex, HttpServletResponse res,
            Exception failure) throws IOException {
        if (res.isCommitted() || !engine.lookupPolicy().canServeStaleOnError(ex.entry(), engine.now())) {
            return false;
        }
        LOG.log(Level.WARNING, "Gatecache: " + ex.key + " failed, answering stale (stale-if-error)", failure);
        res.reset();
        engine.trace(ex, "stale-if-error");
        write(res, engine.answer(ex, ex.entry(), CacheStatus.STALE, "stale-if-error"));
        return true;
    }

    /** Answers the outcomes the store satisfies; false when the request must go on. */
    private static boolean answerFromStore(CacheEngine engine, Exchange ex, HttpServletRequest req,
            HttpServletResponse res) throws IOException {
        switch (ex.lookup.outcome()) {
            case FRESH -> write(res, engine.answer(ex, ex.entry(), CacheStatus.HIT, null));
            case STALE -> write(res, engine.answer(ex, ex.entry(), CacheStatus.STALE, ex.lookup.reason()));
            case STALE_WHILE_REVALIDATE -> {
                if (!engine.refresher().trigger(req, ex.key)) {
                    return false;
                }
                write(res, engine.answer(ex, ex.entry(), CacheStatus.STALE, "stale-while-revalidate"));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    static void write(HttpServletResponse res, Answer answer) throws IOException {
        res.setStatus(answer.status());
        Headers h = answer.headers();
        for (int i = 0; i < h.size(); i++) {
            res.addHeader(h.name(i), h.value(i));
        }
        if (answer.contentLength() >= 0) {
            res.setContentLengthLong(answer.contentLength());
        }
        if (answer.body() != null && answer.body().length > 0) {
            res.getOutputStream().write(answer.body());
        }
    }

    /** A request field's combined value, or null. */
    static String field(HttpServletRequest req, String name) {
        String first = req.getHeader(name);
        if (first == null) {
            return null;
        }
        Enumeration<String> all = req.getHeaders(name);
        all.nextElement();
        if (!all.hasMoreElements()) {
            return first;
        }
        StringBuilder sb = new StringBuilder(first);
        while (all.hasMoreElements()) {
            sb.append(", ").append(all.nextElement());
        }
        return sb.toString();
    }
}
