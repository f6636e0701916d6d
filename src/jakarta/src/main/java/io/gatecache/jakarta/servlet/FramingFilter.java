package io.gatecache.jakarta.servlet;

import io.gatecache.core.HeaderRules;
import io.gatecache.core.RequestFraming;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * The first filter of the application: a request whose framing or addressing is ambiguous
 * ({@link RequestFraming}) is answered 400 with its connection closed before any other filter,
 * the cache or the application sees it; after a chunked request the connection is closed too,
 * since the container may have dropped a Content-Length sent with it (Grizzly does), and after
 * one whose client asked for it ({@code Connection: close}, among other options too). Nothing sent
 * behind a request whose connection closes runs as a request of its own: the container may
 * still run what it holds of it, so the connection is marked ({@link ClosingConnections}), and a
 * request that arrives on it is refused here. The fields a request's {@code Connection} field
 * names are taken out of it for everything after this filter ({@link WithoutConnectionFields}).
 */
public class FramingFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (ClosingConnections.closing(req)) {
            refuse(res, "a request sent behind one after which the connection closes");
            return;
        }
        boolean chunked = req.getHeader("Transfer-Encoding") != null;
        if (chunked || req.getHeader("Content-Length") != null || secondHost(req)) {
            String refusal = RequestFraming.refusal(lines(req, "Transfer-Encoding"), lines(req, "Content-Length"),
                    lines(req, "Host"));
            if (refusal != null) {
                ClosingConnections.mark(req);
                refuse(res, refusal);
                return;
            }
        }
        // the fields are read only when they may say close (most requests have neither)
        boolean closes = (chunked || req.getHeader("Connection") != null || !"HTTP/1.1".equals(req.getProtocol()))
                && RequestFraming.closesConnection(req.getProtocol(), lines(req, "Transfer-Encoding"),
                        lines(req, "Connection"));
        if (closes) {
            // said in the answer too: a container may not read "close" among other options
            // (Grizzly, Undertow), and would keep the connection open
            ClosingConnections.mark(req);
            res.setHeader("Connection", "close");
        }
        HttpServletRequest passed = req;
        if (req.getHeader("Connection") != null) {
            Set<String> removed = HeaderRules.removedFromRequest(lines(req, "Connection"));
            if (!removed.isEmpty()) {
                passed = new WithoutConnectionFields(req, removed);
            }
        }
        try {
            chain.doFilter(passed, res);
        } finally {
            if (closes || "close".equalsIgnoreCase(res.getHeader("Connection"))) {
                markAtTheEnd(req);
            }
        }
    }

    /**
     * Marks the connection again when its answer ends (now, or when an asynchronous answer
     * completes), which is when the container runs what it holds behind it: a mark made as the
     * request arrived may have been taken by as many other connections since.
     */
    private static void markAtTheEnd(HttpServletRequest req) {
        ClosingConnections.mark(req);
        if (!req.isAsyncStarted()) {
            return;
        }
        req.getAsyncContext().addListener(AsyncEnds.ofEveryCycle(() -> ClosingConnections.mark(req)));
    }

    /** Whether the request has more than one Host field line (read without copying the lines). */
    private static boolean secondHost(HttpServletRequest req) {
        Enumeration<String> e = req.getHeaders("Host");
        if (e == null || !e.hasMoreElements()) {
            return false;
        }
        e.nextElement();
        return e.hasMoreElements();
    }

    private static List<String> lines(HttpServletRequest req, String name) {
        Enumeration<String> e = req.getHeaders(name);
        return e == null ? List.of() : Collections.list(e);
    }

    private static void refuse(HttpServletResponse res, String why) throws IOException {
        res.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        res.setHeader("Connection", "close");
        res.setHeader("Cache-Control", "no-store");
        res.setContentType("text/plain;charset=UTF-8");
        byte[] body = ("Bad request: " + why + "\n").getBytes(StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
