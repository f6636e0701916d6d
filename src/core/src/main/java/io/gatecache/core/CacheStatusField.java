package io.gatecache.core;

/**
 * The RFC 9211 {@code Cache-Status} field value this cache adds, e.g.
 * {@code gatecache; hit; ttl=42} or {@code gatecache; fwd=uri-miss; fwd-status=200; stored}.
 */
public final class CacheStatusField {

    private CacheStatusField() {
    }

    /**
     * @param cacheName the cache's identifier
     * @param hit whether the response came from the store
     * @param fwd why the request went forward (bypass, method, uri-miss, vary-miss, miss, request, stale), or null
     * @param fwdStatus the status the origin answered with, or 0
     * @param ttl remaining freshness in seconds, or null when unknown
     * @param stored whether the response was stored
     * @param collapsed whether the request waited for another one's response
     * @param detail free text (the policy's reason), or null
     */
    public static String format(String cacheName, boolean hit, String fwd, int fwdStatus, Long ttl,
            boolean stored, boolean collapsed, String detail) {
        StringBuilder sb = new StringBuilder(cacheName);
        if (hit) {
            sb.append("; hit");
        }
        if (fwd != null) {
            sb.append("; fwd=").append(fwd);
        }
        if (fwdStatus > 0) {
            sb.append("; fwd-status=").append(fwdStatus);
        }
        if (ttl != null) {
            sb.append("; ttl=").append(ttl);
        }
        if (stored) {
            sb.append("; stored");
        }
        if (collapsed) {
            sb.append("; collapsed");
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append("; detail=\"").append(detail.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.toString();
    }
}
