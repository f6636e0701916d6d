package io.gatecache.jakarta.servlet;

import io.gatecache.core.Headers;
import io.gatecache.engine.Answer;
import io.gatecache.engine.Capture;
import io.gatecache.engine.HeldTags;
import io.gatecache.engine.HeldVary;
import io.gatecache.jakarta.esi.EsiIncludes;
import io.gatecache.jakarta.gateway.GatewayServlet;
import io.gatecache.jakarta.tags.RequestTags;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The client's servlet response as the engine's {@link Capture} reads and sends it, with what
 * the application set that the container's response does not show (a Content-Length it set, a
 * cookie added with {@code addCookie}, which some servers keep out of the fields until commit).
 * Called under the capture's lock.
 */
final class ServletTarget implements Capture.Target {

    /** Stands for a cookie the server sends with the response, set out of the fields' sight. */
    private static final String UNSEEN_COOKIE = "(a cookie the server sends at commit)";

    private final HttpServletResponse res;
    private final HttpServletRequest request;
    private HeldTags tags;
    private HeldVary vary;
    private Runnable flushWriter;
    /** The Content-Length the application set, or -1. */
    private long contentLength = -1;
    /** The application added a cookie (some servers keep those out of the response's fields). */
    private boolean cookieAdded;

    /** @param request the forwarded request, which the gateway marks with how its origin answered */
    ServletTarget(HttpServletResponse res, HttpServletRequest request) {
        this.res = res;
        this.request = request;
    }

    /**
     * @param tags the tags fields the capture holds back, left out of the fields it reads
     * @param vary the Vary fields as the application set them, read instead of the client's
     * @param flushWriter hands the capture what the application's writer still buffers
     */
    void attach(HeldTags tags, HeldVary vary, Runnable flushWriter) {
        this.tags = tags;
        this.vary = vary;
        this.flushWriter = flushWriter;
    }

    /** The application set the Content-Length (-1: none, or not a number). */
    void lengthSet(long length) {
        contentLength = length;
    }

    /** The application added a cookie. */
    void cookieAdded() {
        cookieAdded = true;
    }

    /** The application reset its response: what it set is forgotten. */
    void restart() {
        contentLength = -1;
        cookieAdded = false;
    }

    @Override
    public int status() {
        return res.getStatus();
    }

    @Override
    public Headers fields() {
        Headers.Builder b = Headers.builder();
        for (String name : res.getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-type") || lower.equals("content-length") || tags.holds(name)
                    || vary.holds(name)) {
                continue;
            }
            for (String value : res.getHeaders(name)) {
                b.add(name, value);
            }
        }
        for (String value : vary.all("Vary")) {
            b.add("Vary", value);
        }
        if (res.getContentType() != null) {
            b.add("Content-Type", res.getContentType());
        }
        if (contentLength >= 0) {
            b.add("Content-Length", String.valueOf(contentLength));
        }
        if (!res.containsHeader("Set-Cookie") && (cookieAdded || newSession())) {
            // a cookie added with addCookie, and a new session's cookie, are sent when the
            // response is committed, in fields no wrapper sees on some servers (Undertow):
            // the decision sees them all the same
            b.add("Set-Cookie", UNSEEN_COOKIE);
        }
        return b.build();
    }

    private boolean newSession() {
        try {
            jakarta.servlet.http.HttpSession session = request.getSession(false);
            return session != null && session.isNew();
        } catch (IllegalStateException e) {
            // invalidated meanwhile
            return false;
        }
    }

    @Override
    public void set(Headers fields) {
        for (int i = 0; i < fields.size(); i++) {
            res.setHeader(fields.name(i), fields.value(i));
        }
    }

    @Override
    public void add(Headers fields) {
        for (int i = 0; i < fields.size(); i++) {
            res.addHeader(fields.name(i), fields.value(i));
        }
    }

    @Override
    public void contentLength(long length) {
        res.setContentLengthLong(length);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        res.getOutputStream().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        res.getOutputStream().flush();
    }

    @Override
    public void flushApplication() {
        flushWriter.run();
    }

    @Override
    public boolean committed() {
        return res.isCommitted();
    }

    @Override
    public void answer(Answer answer) throws IOException {
        List<String> cookies = new ArrayList<>(res.getHeaders("Set-Cookie"));
        String connection = res.getHeader("Connection");
        res.reset();
        GatecacheFilter.write(res, answer);
        cookies.forEach(c -> res.addHeader("Set-Cookie", c));
        CapturingResponse.keepClose(res, connection);
    }

    @Override
    public Capture.Origin origin() {
        return GatewayServlet.outcome(request);
    }

    @Override
    public boolean includesRequested() {
        return request.getAttribute(EsiIncludes.ATTRIBUTE) != null;
    }

    @Override
    public Set<String> codeTags() {
        return RequestTags.of(request);
    }

    @Override
    public List<Map.Entry<String, String>> requestFieldLines() {
        return GatecacheFilter.fieldLines(request);
    }

    @Override
    public URI loopback() {
        return GatecacheFilter.loopback(request);
    }
}
