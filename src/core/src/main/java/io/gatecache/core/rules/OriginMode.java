package io.gatecache.core.rules;

import java.util.Locale;

/** How a rule treats the origin's caching headers (the four modes of a CDN edge). */
public enum OriginMode {
    /** Follow the origin's Cache-Control, Expires, Last-Modified or ETag if present; else cache for the rule's TTL. */
    FOLLOW_ELSE_DEFAULT("follow-else-default"),
    /** Follow the origin's Cache-Control if present; else do not cache. */
    FOLLOW_ELSE_NO_CACHE("follow-else-no-cache"),
    /** Never cache: requests bypass the cache entirely. */
    NO_CACHE("no-cache"),
    /** Ignore the origin's caching headers and cache for the rule's TTL. */
    OVERRIDE("override");

    private final String label;

    OriginMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a mode by its label (case-insensitive); null when there is none such. */
    public static OriginMode of(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        for (OriginMode m : values()) {
            if (m.label.equals(l)) {
                return m;
            }
        }
        return null;
    }
}
