package io.gatecache.it.app;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A plain servlet, outside JAX-RS: {@code /plain/<name>?cc=...&bytes=n} answers with that
 * Cache-Control and a body of n bytes (or the call count), written through a writer or a stream.
 */
@WebServlet("/plain/*")
public class PlainServlet extends HttpServlet {

    @Inject
    Probe probe;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        int n = probe.called("plain" + req.getPathInfo());
        String cc = req.getParameter("cc");
        if (cc != null) {
            res.setHeader("Cache-Control", cc);
        }
        res.setContentType("text/plain;charset=UTF-8");
        String bytes = req.getParameter("bytes");
        if (bytes == null) {
            res.getWriter().print("plain call " + n);
            return;
        }
        byte[] chunk = "0123456789abcdef".repeat(64).getBytes(StandardCharsets.US_ASCII);
        long left = Long.parseLong(bytes);
        while (left > 0) {
            int len = (int) Math.min(chunk.length, left);
            res.getOutputStream().write(chunk, 0, len);
            left -= len;
        }
    }
}
