package io.gatecache.core;

import java.util.Locale;

/**
 * The primary cache key (RFC 9111 §2): the target URI, normalised. HEAD and GET share a key
 * (a stored GET answers a HEAD). Variants under one key are told apart by {@link Variants}.
 *
 * <p>Normalisation: scheme and host lower-cased, the default port of the scheme dropped, path
 * and query kept byte for byte as received (a different percent-encoding is a different key),
 * an empty path is {@code /}. Example: {@code https://example.org/a/b?x=1}.
 */
public final class CacheKey {

    private CacheKey() {
    }

    public static String of(String scheme, String host, int port, String path, String query) {
        String s = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(64);
        sb.append(s).append("://").append(host == null ? "" : host.toLowerCase(Locale.ROOT));
        boolean defaultPort = port < 0 || (port == 80 && s.equals("http")) || (port == 443 && s.equals("https"));
        if (!defaultPort) {
            sb.append(':').append(port);
        }
        sb.append(path == null || path.isEmpty() ? "/" : path);
        if (query != null && !query.isEmpty()) {
            sb.append('?').append(query);
        }
        return sb.toString();
    }

    /**
     * The key of a URI reference found in {@code Location} or {@code Content-Location}, resolved
     * against the request key; null when it names another origin (RFC 9111 §4.4: only same-origin
     * URIs are invalidated).
     */
    public static String resolveSameOrigin(String requestKey, String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        try {
            java.net.URI base = java.net.URI.create(requestKey);
            java.net.URI target = base.resolve(reference.trim());
            if (target.getHost() == null || !target.getHost().equalsIgnoreCase(base.getHost())
                    || !target.getScheme().equalsIgnoreCase(base.getScheme())
                    || effectivePort(target) != effectivePort(base)) {
                return null;
            }
            return of(target.getScheme(), target.getHost(), target.getPort(), target.getRawPath(), target.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int effectivePort(java.net.URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
