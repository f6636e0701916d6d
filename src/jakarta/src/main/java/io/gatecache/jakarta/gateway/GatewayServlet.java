package io.gatecache.jakarta.gateway;

import io.gatecache.core.CacheKey;
import io.gatecache.engine.Capture;
import io.gatecache.engine.GatewayRoute;
import io.gatecache.engine.OriginClient;
import io.gatecache.jakarta.servlet.GatecacheFilter;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Gateway mode's servlet: every method on every path under the gateway prefix goes to the origin
 * through the {@link OriginClient}, and the origin's status, header fields and body come back as
 * they were. The front door in front of it caches its responses like any other (so revalidation
 * reaches the origin as a real conditional request, with the validators the front door put in).
 */
public class GatewayServlet extends HttpServlet {

    /** The servlet's name. */
    public static final String NAME = "gatecache-gateway";
    private static final String ATTRIBUTE = Capture.Origin.class.getName();

    /** How the response to a request came about (from the application, unless the gateway says). */
    public static Capture.Origin outcome(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Capture.Origin o ? o : Capture.Origin.APPLICATION;
    }

    private transient GatewayRoute route;
    private transient OriginClient client;
    private long maxBodyBytes;

    @Override
    public void init() throws ServletException {
        GatecacheRuntime runtime = (GatecacheRuntime) getServletContext().getAttribute(GatecacheRuntime.ATTRIBUTE);
        if (runtime == null || runtime.route() == null) {
            throw new ServletException("Gatecache: the gateway servlet runs only in gateway mode");
        }
        route = runtime.route();
        client = runtime.client();
        maxBodyBytes = runtime.engine().settings().gateway().maxBodyBytes();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String method = req.getMethod();
        // the origin is asked for exactly what the cache keys: the target normalised as the key is
        // (dot segments, percent-encoding, an empty query), so no answer is stored under another key
        String key = CacheKey.of(req.getRequestURI(), req.getQueryString());
        int q = key.indexOf('?');
        String path = q < 0 ? key : key.substring(0, q);
        String contextPath = req.getContextPath();
        boolean inContext = contextPath.isEmpty() || path.equals(contextPath) || path.startsWith(contextPath + "/");
        URI target = !inContext ? null
                : route.target(path.substring(contextPath.length()), q < 0 ? null : key.substring(q + 1));
        List<Map.Entry<String, String>> fields = GatecacheFilter.fieldLines(req);
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        }
        OriginClient.Reply reply = body.length > maxBodyBytes
                ? OriginClient.failure(413, "the request body is larger than gatecache.gateway.max-body-bytes")
                : client.forward(method, target, fields, body, req.getRemoteAddr());
        req.setAttribute(ATTRIBUTE, new Capture.Origin(true, reply.unreachable()));
        res.setStatus(reply.status());
        String contentLength = null;
        for (Map.Entry<String, String> h : reply.headers()) {
            if (h.getKey().equalsIgnoreCase("Content-Length")) {
                contentLength = h.getValue();
            } else if (h.getKey().equalsIgnoreCase("Content-Type")) {
                res.setContentType(h.getValue());
            } else {
                res.addHeader(h.getKey(), h.getValue());
            }
        }
        boolean bodiless = method.equals("HEAD") || reply.status() == 204 || reply.status() == 304;
        if (bodiless) {
            if (contentLength != null && method.equals("HEAD")) {
                res.setHeader("Content-Length", contentLength);
            }
            return;
        }
        res.setContentLength(reply.body().length);
        res.getOutputStream().write(reply.body());
    }
}
