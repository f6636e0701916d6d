package io.gatecache.jakarta.servlet;

import io.gatecache.core.CacheKey;
import io.gatecache.engine.BelowContainer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/** A servlet request as the engine reads it: through the door below the container, or the front door. */
class ServletRequestView implements BelowContainer.Request {

    private final HttpServletRequest req;

    ServletRequestView(HttpServletRequest req) {
        this.req = req;
    }

    @Override
    public String method() {
        return req.getMethod();
    }

    @Override
    public String target() {
        return req.getRequestURI();
    }

    @Override
    public String path() {
        return req.getRequestURI();
    }

    @Override
    public String query() {
        return req.getQueryString();
    }

    @Override
    public String origin() {
        return CacheKey.origin(req.getScheme(), req.getServerName(), req.getServerPort());
    }

    @Override
    public int localPort() {
        return req.getLocalPort();
    }

    @Override
    public int hosts() {
        int n = 0;
        for (Enumeration<String> values = req.getHeaders("Host"); values.hasMoreElements(); values.nextElement()) {
            n++;
        }
        return n;
    }

    @Override
    public String field(String name) {
        return GatecacheFilter.field(req, name);
    }
}
