package io.gatecache.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A big ESI fragment, streamed: {@code /esi-big/<name>?size=n&stallAt=m} sends n bytes in 64 KiB
 * writes with no Content-Length and {@code Cache-Control: no-store}; after m bytes (0: never) it
 * flushes and stops at the {@link HeapWatch}'s gate until the test lets it go. A client that goes
 * away ends it.
 */
@WebServlet("/esi-big/*")
public class BigFragmentServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        HeapWatch.fragmentStarted();
        long size = Long.parseLong(req.getParameter("size"));
        String stall = req.getParameter("stallAt");
        long stallAt = stall == null ? 0 : Long.parseLong(stall);
        res.setHeader("Cache-Control", "no-store");
        res.setContentType("application/octet-stream");
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        OutputStream out = res.getOutputStream();
        long written = 0;
        boolean stopped = stallAt <= 0;
        try {
            while (written < size) {
                if (!stopped && written >= stallAt) {
                    out.flush();
                    stopped = true;
                    HeapWatch.fragmentAtStop();
                }
                long until = stopped ? size : stallAt;
                int n = (int) Math.min(chunk.length, until - written);
                out.write(chunk, 0, n);
                written += n;
            }
        } catch (IOException clientGone) {
            // the page that fetched it was answered (it passed its bound): nothing more to send
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
