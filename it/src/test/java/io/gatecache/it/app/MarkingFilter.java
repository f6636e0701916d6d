package io.gatecache.it.app;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An application filter: marks every response it sees with a number of its own, so a test tells
 * which responses passed the servlet chain (a stored response keeps the number it was built with).
 */
@WebFilter("/*")
public class MarkingFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final java.util.concurrent.atomic.AtomicLong SEEN = new java.util.concurrent.atomic.AtomicLong();

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        res.setHeader("X-Application-Filter", String.valueOf(SEEN.incrementAndGet()));
        chain.doFilter(req, res);
    }
}
