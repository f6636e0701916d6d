package io.gatecache.jakarta.servlet;

import io.gatecache.core.Headers;
import io.gatecache.core.purge.PurgeRequest;
import io.gatecache.engine.Answer;
import io.gatecache.engine.BackgroundRefresher;
import io.gatecache.engine.CacheEngine;
import io.gatecache.jakarta.metrics.MetricsServlet;
import io.gatecache.engine.OriginClient;
import io.gatecache.engine.PurgeResult;
import io.gatecache.engine.Settings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cache's one front door, a servlet filter in front of everything the application serves
 * (JAX-RS resources, plain servlets, static files, the gateway). It answers purge requests
 * itself; every other request goes to the engine's {@link io.gatecache.engine.RequestPipeline}
 * through a {@link ServletDoor}, which reads the request, writes the answers it is told to, and
 * passes the request on down the chain ({@link ForwardedRequest}, {@link CapturingResponse}). An
 * asynchronous response dispatched back here is finished once its dispatch ends.
 */
public class GatecacheFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(GatecacheFilter.class.getName());

    private GatecacheRuntime runtime;

    /** The request attribute that says a request is an ESI fragment request made by this cache. */
    public static final String FRAGMENT_ATTRIBUTE = "io.gatecache.fragment";

    @Override
    public void init(FilterConfig config) {
        runtime = (GatecacheRuntime) config.getServletContext().getAttribute(GatecacheRuntime.ATTRIBUTE);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (runtime == null || !(request instanceof HttpServletRequest client)
                || !(response instanceof HttpServletResponse res)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            // an asynchronous request dispatched back into the container: the response it writes
            // is the one the cache was capturing, complete once this dispatch ends without
            // starting another asynchronous cycle
            ForwardedRequest forwarded = unwrap(request, ForwardedRequest.class);
            int starts = forwarded == null ? 0 : forwarded.asyncStarts();
            chain.doFilter(request, response);
            CapturingResponse captured = unwrap(response, CapturingResponse.class);
            if (captured != null && !wentAsync(request, forwarded, starts)) {
                captured.finish();
            }
            return;
        }
        if (isMetrics(client)) {
            // the cache's own metrics: neither cached nor counted among the responses
            chain.doFilter(request, response);
            return;
        }
        CacheEngine engine = runtime.engine();
        if (PurgeRequest.isPurgeMethod(client.getMethod())) {
            purge(engine, client, res);
            return;
        }
        BackgroundRefresher.Addressing refresh = runtime.refresher().claim(client.getHeader(OriginClient.REFRESH_TOKEN));
        HttpServletRequest req = refresh == null ? client : new ForwardedRequest(client, Headers.EMPTY, refresh);
        engine.pipeline().handle(new ServletDoor(runtime, client, req, refresh, res, chain));
    }

    /**
     * Whether the request goes to the cache's metrics servlet (a GET or HEAD of
     * {@code gatecache.metrics.path}, mapped exactly): its servlet path first (a field), then
     * the servlet it maps to.
     */
    private boolean isMetrics(HttpServletRequest req) {
        Settings.Metrics metrics = runtime.engine().settings().metrics();
        if (!metrics.enabled() || !metrics.path().equals(req.getServletPath())) {
            return false;
        }
        String method = req.getMethod();
        return (method.equals("GET") || method.equals("HEAD"))
                && MetricsServlet.NAME.equals(req.getHttpServletMapping().getServletName());
    }

    /**
     * Answers a purge request itself (never forwarding it, in gateway mode too): 405 when purging
     * is off, 403 for a caller that is not trusted, 400 for one that cannot be carried out, 429
     * for a ban past the caller's bans a minute, else 200 with a line saying what was purged.
     * Every purge and every refusal is logged with its caller.
     */
    private static void purge(CacheEngine engine, HttpServletRequest req, HttpServletResponse res) throws IOException {
        String caller = req.getRemoteAddr();
        String target = req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
        PurgeResult result;
        if (!engine.settings().purging().enabled()) {
            res.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS");
            result = new PurgeResult(405, "purging is switched off (gatecache.purge.enabled)");
        } else if (!engine.purger().trusts(caller, name -> field(req, name))) {
            result = new PurgeResult(403, "not a trusted caller (gatecache.purge.trusted-addresses,"
                    + " gatecache.purge.token)");
        } else {
            PurgeRequest request = PurgeRequest.read(req.getMethod(), target, name -> field(req, name),
                    engine.settings().purging().tagHeader());
            result = engine.purger().purge(request, caller);
        }
        Level level = result.status() == 200 ? Level.INFO : Level.WARNING;
        if (LOG.isLoggable(level)) {
            LOG.log(level, "Gatecache " + req.getMethod() + " " + target + " from " + caller + ": " + result.status()
                    + " " + result.message());
        }
        res.setStatus(result.status());
        if (result.status() == 429) {
            res.setHeader("Retry-After", "60");
        }
        res.setHeader("Cache-Control", "no-store");
        res.setContentType("text/plain;charset=UTF-8");
        byte[] body = (result.message() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /**
     * Whether the application went on asynchronously during a dispatch: it started a cycle through
     * the forwarded request (whatever the request says now: another thread may have dispatched or
     * completed it already, and the application's part may still be running), or the request
     * shows one started another way.
     *
     * @param starts the cycles started through the forwarded request before the dispatch
     */
    static boolean wentAsync(ServletRequest request, ForwardedRequest forwarded, int starts) {
        return (forwarded != null && forwarded.asyncStarts() != starts) || request.isAsyncStarted();
    }

    /** The wrapper of a type a request or response is, or wraps; null when there is none. */
    private static <T> T unwrap(Object wrapped, Class<T> type) {
        Object r = wrapped;
        while (true) {
            if (type.isInstance(r)) {
                return type.cast(r);
            }
            if (r instanceof jakarta.servlet.ServletRequestWrapper w) {
                r = w.getRequest();
            } else if (r instanceof jakarta.servlet.ServletResponseWrapper w) {
                r = w.getResponse();
            } else {
                return null;
            }
        }
    }

    /**
     * This server's own address, over the connector the client used, for the requests the cache
     * makes to it (background refreshes, ESI fragments); null on a TLS connector.
     */
    public static URI loopback(HttpServletRequest req) {
        if (req.isSecure()) {
            return null;
        }
        String host = req.getLocalAddr();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        try {
            return URI.create("http://" + host + ":" + req.getLocalPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Writes an answer of the cache's. */
    static void write(HttpServletResponse res, Answer answer) throws IOException {
        res.setStatus(answer.status());
        answer.forEachField(res::addHeader, res::setHeader);
        if (answer.contentLength() >= 0) {
            res.setContentLengthLong(answer.contentLength());
        }
        if (answer.content() != null && answer.content().length() > 0) {
            ServletOutputStream out = res.getOutputStream();
            answer.content().writeTo(out::write); // an assembled page array by array, never copied into one
        }
    }

    /** A request's field lines in order, a name repeated for several values, as the origin client takes them. */
    public static List<Map.Entry<String, String>> fieldLines(HttpServletRequest req) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            for (String value : Collections.list(req.getHeaders(name))) {
                fields.add(Map.entry(name, value));
            }
        }
        return fields;
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
