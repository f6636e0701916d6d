package io.gatecache.core;

/**
 * Symfony's conservative default for a response that sets no {@code Cache-Control}: with no
 * caching header at all (no Expires, ETag or Last-Modified) it is {@code no-cache, private};
 * with some of them it is {@code private, must-revalidate}. A response that sets Cache-Control
 * keeps it.
 */
public final class DefaultCacheControl {

    private DefaultCacheControl() {
    }

    /** The Cache-Control value to add, or null when the response sets its own. */
    public static String forResponse(Headers headers) {
        if (headers.contains("Cache-Control")) {
            return null;
        }
        if (headers.contains("Expires") || headers.contains("ETag") || headers.contains("Last-Modified")) {
            return "private, must-revalidate";
        }
        return "no-cache, private";
    }
}
