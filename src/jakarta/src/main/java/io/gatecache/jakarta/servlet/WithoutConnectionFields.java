package io.gatecache.jakarta.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A request without the fields its {@code Connection} field names (see
 * {@link io.gatecache.core.HeaderRules#removedFromRequest}): the cache, the application and the
 * origin all read it as a request that never had them, so no variant is picked by a field that
 * was not passed on.
 */
final class WithoutConnectionFields extends HttpServletRequestWrapper {

    private final Set<String> removed;

    /** @param removed the fields taken out, lower case */
    WithoutConnectionFields(HttpServletRequest req, Set<String> removed) {
        super(req);
        this.removed = Set.copyOf(removed);
    }

    private boolean gone(String name) {
        return name != null && removed.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String getHeader(String name) {
        return gone(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return gone(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Enumeration<String> names = super.getHeaderNames();
        if (names == null) {
            return null;
        }
        List<String> kept = new java.util.ArrayList<>();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (!gone(name)) {
                kept.add(name);
            }
        }
        return Collections.enumeration(kept);
    }

    @Override
    public long getDateHeader(String name) {
        return gone(name) ? -1 : super.getDateHeader(name);
    }

    @Override
    public int getIntHeader(String name) {
        return gone(name) ? -1 : super.getIntHeader(name);
    }
}
