package io.gatecache.it.app;

import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A servlet that goes asynchronous and dispatches the request back into the container, which
 * then writes the response ({@code Cache-Control: public, max-age=60}). The dispatch is made from
 * another thread before the first dispatch returns, every time (the container runs it once the
 * first has returned), and never while the first is returning: Payara 6 loses a dispatch made
 * just then (its {@code AsyncContextImpl} checks whether to delay the dispatch, and stores it for
 * later after the container has run what was stored), and the request times out.
 */
@WebServlet(urlPatterns = "/dispatch/*", asyncSupported = true)
public class DispatchingServlet extends HttpServlet {

    @Inject
    Probe probe;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (req.getDispatcherType() != DispatcherType.ASYNC) {
            AsyncContext async = req.startAsync();
            Thread dispatcher = new Thread(async::dispatch, "dispatcher");
            dispatcher.start();
            try {
                dispatcher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        int n = probe.called("dispatch" + req.getPathInfo());
        res.setHeader("Cache-Control", "public, max-age=60");
        res.setContentType("text/plain;charset=UTF-8");
        res.getWriter().print("dispatched call " + n);
    }
}
