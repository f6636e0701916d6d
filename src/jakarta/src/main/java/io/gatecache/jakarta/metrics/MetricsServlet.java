package io.gatecache.jakarta.metrics;

import io.gatecache.core.purge.TrustedCallers;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the cache's metrics ({@link GatecacheMetrics}) in Prometheus's text format, written by
 * the Prometheus client's own writer, at {@code gatecache.metrics.path}: to the addresses of
 * {@code gatecache.metrics.trusted-addresses} and callers with {@code gatecache.metrics.token},
 * {@code 403} for anyone else (closed until trust is configured). Never stored.
 */
public final class MetricsServlet extends HttpServlet {

    /** The servlet's name in the application. */
    public static final String NAME = "gatecache-metrics";
    private static final long serialVersionUID = 1L;

    private final transient GatecacheMetrics metrics;
    private final transient TrustedCallers trusted;
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsServlet(GatecacheMetrics metrics, TrustedCallers trusted) {
        this.metrics = metrics;
        this.trusted = trusted;
    }

    /** The methods it answers; nothing else (TRACE included) but {@code 405}. */
    @Override
    protected void doOptions(HttpServletRequest req, HttpServletResponse resp) {
        resp.setHeader("Allow", "GET, HEAD, OPTIONS");
        resp.setContentLength(0);
    }

    @Override
    protected void doTrace(HttpServletRequest req, HttpServletResponse resp) {
        resp.setHeader("Allow", "GET, HEAD, OPTIONS");
        resp.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        resp.setContentLength(0);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        if (!trusted.trusts(req.getRemoteAddr(), req::getHeader)) {
            byte[] why = ("The metrics are closed to this caller: see gatecache.metrics.trusted-addresses and"
                    + " gatecache.metrics.token\n").getBytes(StandardCharsets.UTF_8);
            resp.setStatus(HttpServletResponse.SC_FORBIDDEN);
            resp.setContentType("text/plain;charset=UTF-8");
            resp.setContentLength(why.length);
            resp.getOutputStream().write(why);
            return;
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream(16_384);
        writer.write(text, metrics.scrape());
        resp.setContentType(writer.getContentType());
        resp.setContentLength(text.size());
        text.writeTo(resp.getOutputStream());
    }
}
