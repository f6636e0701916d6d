package io.gatecache.jakarta.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** A request with the user context hash the cache worked out for it, in its field, as the application reads it. */
final class UserHashRequest extends HttpServletRequestWrapper {

    private final String field;
    private final String hash;

    UserHashRequest(HttpServletRequest request, String field, String hash) {
        super(request);
        this.field = field;
        this.hash = hash;
    }

    @Override
    public String getHeader(String name) {
        return field.equalsIgnoreCase(name) ? hash : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return field.equalsIgnoreCase(name) ? Collections.enumeration(List.of(hash)) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (String n : Collections.list(super.getHeaderNames())) {
            if (!n.equalsIgnoreCase(field)) {
                names.add(n);
            }
        }
        names.add(field);
        return Collections.enumeration(names);
    }
}
