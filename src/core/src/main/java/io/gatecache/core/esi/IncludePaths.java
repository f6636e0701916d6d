package io.gatecache.core.esi;

import io.gatecache.core.CacheKey;
import java.net.URI;

/**
 * Which path of this server an ESI include names: the one rule for the assembler and for the
 * include helper's inline fetch. The path is resolved against the page's own, normalised as a
 * cache key is, and must be one path below the application's context path; a path that would
 * name another host once appended to this server's address ({@code /.//host/x} normalises to
 * {@code //host/x}) names none.
 */
public final class IncludePaths {

    private IncludePaths() {
    }

    /**
     * The key (path and query) an include names, or null when it names no path of this
     * application.
     *
     * @param pageKey the including page's path (and query)
     * @param ref the include's path and query (a relative reference, or the path of an absolute
     *        URL on this server)
     * @param contextPath the application's context path ({@code ""} for the root)
     */
    public static String key(String pageKey, String ref, String contextPath) {
        URI resolved;
        try {
            resolved = URI.create("http://page" + pageKey).resolve(ref.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!"page".equals(resolved.getHost()) || resolved.getRawUserInfo() != null || resolved.getPort() != -1) {
            return null; // the reference named an authority of its own
        }
        String key = CacheKey.of(resolved.getRawPath(), resolved.getRawQuery());
        if (!key.startsWith("/") || key.startsWith("//")) {
            return null;
        }
        boolean inside = contextPath.isEmpty() || key.equals(contextPath) || key.startsWith(contextPath + "/");
        return inside ? key : null;
    }
}
