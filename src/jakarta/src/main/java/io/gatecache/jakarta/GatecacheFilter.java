package io.gatecache.jakarta;

import io.gatecache.core.CacheKey;
import io.gatecache.core.Lookup;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
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
 * stale-if-error when the resource fails. Everything else it hands, with its lookup, to the
 * JAX-RS filters ({@link CacheRequestFilter}, {@link CacheResponseFilter},
 * {@link CacheWriterInterceptor}), which apply the same policy through the same engine.
 */
public class GatecacheFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(GatecacheFilter.class.getName());

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CacheEngine engine = (CacheEngine) request.getServletContext().getAttribute(CacheEngine.ATTRIBUTE);
        if (engine == null || !engine.enabled() || !(request instanceof HttpServletRequest client)
                || !(response instanceof HttpServletResponse res)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest refresh = engine.refresher().claim(client);
        HttpServletRequest req = refresh != null ? refresh : client;
        Exchange ex = engine.begin(req.getMethod(),
                CacheKey.origin(req.getScheme(), req.getServerName(), req.getServerPort()),
                req.getRequestURI(), req.getQueryString(), name -> field(req, name));
        if (refresh != null) {
            engine.refreshing(ex);
        }
        if (answered(engine, ex, req, res)) {
            return;
        }
        try {
            if (ex.lookup.outcome() != Lookup.Outcome.PASS && refresh == null && engine.coalesces(ex)) {
                Coalescer.Ticket ticket = engine.coalescer().join(ex.key);
                if (ticket.leader()) {
                    ex.ticket = ticket;
                } else {
                    ticket.await(engine.settings().coalescingTimeoutMillis());
                    ex = engine.again(ex);
                    if (answered(engine, ex, req, res)) {
                        return;
                    }
                }
            }
            forward(engine, ex, req, res, chain);
        } finally {
            if (!req.isAsyncStarted()) {
                engine.release(ex);
            }
        }
    }

    /** Passes the request on to the application, answering stale instead of a failure where allowed. */
    private static void forward(CacheEngine engine, Exchange ex, HttpServletRequest req, HttpServletResponse res,
            FilterChain chain) throws IOException, ServletException {
        req.setAttribute(Exchange.ATTRIBUTE, ex);
        ErrorDeferringResponse deferring = engine.canServeStaleOnError(ex) ? new ErrorDeferringResponse(res) : null;
        try {
            chain.doFilter(req, deferring != null ? deferring : res);
        } catch (IOException | ServletException | RuntimeException failure) {
            if (!answerStale(engine, ex, res, failure)) {
                throw failure;
            }
            return;
        }
        if (req.isAsyncStarted()) {
            // the response comes later, from another thread: errors go straight through
            if (deferring != null) {
                deferring.passThrough();
            }
            Exchange exchange = ex;
            req.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    engine.release(exchange);
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    engine.release(exchange);
                }

                @Override
                public void onError(AsyncEvent event) {
                    engine.release(exchange);
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    // a nested start keeps the same exchange
                }
            });
        } else if (deferring != null && deferring.failed() && !answerStale(engine, ex, res, null)) {
            deferring.sendDeferred();
        }
    }

    /** Answers what the store can answer; false when the request must go on. */
    private static boolean answered(CacheEngine engine, Exchange ex, HttpServletRequest req,
            HttpServletResponse res) throws IOException {
        Answer answer = engine.serve(ex, e -> engine.refresher().trigger(req, e.key));
        if (answer == null) {
            return false;
        }
        write(res, answer);
        return true;
    }

    /** Answers the stale entry instead of a failure, within stale-if-error; false when it may not. */
    private static boolean answerStale(CacheEngine engine, Exchange ex, HttpServletResponse res, Exception failure)
            throws IOException {
        Answer stale = res.isCommitted() ? null : engine.staleOnError(ex);
        if (stale == null) {
            return false;
        }
        LOG.log(Level.WARNING, "Gatecache: " + ex.key + " failed, answering stale (stale-if-error)", failure);
        res.reset();
        write(res, stale);
        return true;
    }

    static void write(HttpServletResponse res, Answer answer) throws IOException {
        res.setStatus(answer.status());
        answer.forEachField(res::addHeader);
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
