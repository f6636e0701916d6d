package io.gatecache.jakarta.tags;

import jakarta.servlet.ServletRequest;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tags code gave the response to a request, kept as a request attribute: the front door reads
 * them when it stores the response, with those of the tags header.
 */
public final class RequestTags {

    /** The request attribute holding the tags (a {@code Set<String>}). */
    public static final String ATTRIBUTE = "io.gatecache.tags";

    private RequestTags() {
    }

    /** The request's tags, empty when none were given. */
    @SuppressWarnings("unchecked")
    public static Set<String> of(ServletRequest request) {
        Object tags = request.getAttribute(ATTRIBUTE);
        return tags instanceof Set<?> set ? (Set<String>) set : Set.of();
    }

    /** Adds tags to a request's. */
    public static void add(ServletRequest request, Collection<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        Set<String> current = new LinkedHashSet<>(of(request));
        for (String t : tags) {
            if (t != null && !t.isBlank()) {
                current.add(t.trim());
            }
        }
        request.setAttribute(ATTRIBUTE, current);
    }
}
