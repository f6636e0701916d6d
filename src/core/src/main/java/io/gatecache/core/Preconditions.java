package io.gatecache.core;

import java.time.Instant;
import java.util.Optional;

/**
 * Evaluation of a client's conditional GET/HEAD against a stored response, so the cache answers
 * 304 itself (RFC 9111 §4.3.2, RFC 9110 §13.2.2).
 */
public final class Preconditions {

    private Preconditions() {
    }

    /**
     * Whether the client's copy is current: If-None-Match, when present, decides by weak
     * comparison with the stored ETag ({@code *} matches any stored response, with or without an
     * ETag); otherwise a valid If-Modified-Since decides against
     * Last-Modified (or, lacking one, the Date the response was stored with). An invalid date is
     * ignored. Only a stored 200 answers 304.
     */
    public static boolean notModified(CacheRequest request, StoredResponse stored) {
        if (!request.isGetOrHead() || stored.status() != 200) {
            return false;
        }
        String inm = request.field("If-None-Match");
        if (inm != null) {
            EntityTag.Match match = EntityTag.parseList(inm);
            // "*" matches any current representation, which the stored 200 is, ETag or not (RFC 9110 §13.1.2)
            return match.any() || match.weakMatches(stored.etag().orElse(null)) || sameField(inm, stored);
        }
        Optional<Instant> ims = HttpDate.parse(request.field("If-Modified-Since"));
        if (ims.isEmpty()) {
            return false;
        }
        long modified = stored.lastModified() >= 0 ? stored.lastModified() : stored.dateValue();
        return modified <= ims.get().toEpochMilli();
    }

    /**
     * Whether the client sends back exactly the stored ETag field value: a client that holds the
     * representation with that (perhaps malformed, e.g. {@code W"x"}) tag has the current one.
     */
    private static boolean sameField(String ifNoneMatch, StoredResponse stored) {
        String etag = stored.headers().first("ETag");
        return etag != null && !etag.isBlank() && etag.trim().equals(ifNoneMatch.trim());
    }
}
