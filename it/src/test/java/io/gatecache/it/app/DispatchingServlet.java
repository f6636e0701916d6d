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
 * then writes the response ({@code Cache-Control: public, max-age=60}).
 */
@WebServlet(urlPatterns = "/dispatch/*", asyncSupported = true)
public class DispatchingServlet extends HttpServlet {

    @Inject
    Probe probe;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (req.getDispatcherType() != DispatcherType.ASYNC) {
            AsyncContext async = req.startAsync();
            async.start(async::dispatch);
            return;
        }
        int n = probe.called("dispatch" + req.getPathInfo());
        res.setHeader("Cache-Control", "public, max-age=60");
        res.setContentType("text/plain;charset=UTF-8");
        res.getWriter().print("dispatched call " + n);
    }
}
