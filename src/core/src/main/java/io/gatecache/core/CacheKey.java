package io.gatecache.core;

import java.util.Locale;

/**
 * Cache keys (RFC 9111 §2). The primary key is the target URI's path and query, normalised; the
 * origin (scheme, host, port) is part of every variant's key instead (see {@link Variants#ORIGIN}),
 * so one removal invalidates a path under every host name it is served as, and a purge by path
 * needs no list of hosts. HEAD and GET share a key.
 *
 * <p>Normalisation (RFC 3986 §6.2.2): an empty path is {@code /}; dot segments are removed;
 * percent-encoded unreserved characters are decoded and other percent-encodings upper-cased;
 * everything else, the query included, is kept as received. Examples: {@code /a/b?x=1},
 * {@code /a/%7Eb/../c} becomes {@code /a/~c}. An origin is {@code https://example.org} or
 * {@code http://example.org:8080}: scheme and host lower-cased, the scheme's default port dropped.
 */
public final class CacheKey {

    private CacheKey() {
    }

    /** The primary key of a target URI's path (raw, as received) and query (raw, or null). */
    public static String of(String path, String query) {
        String p = removeDotSegments(normalisePercentEncoding(path == null || path.isEmpty() ? "/" : path));
        return query == null || query.isEmpty() ? p : p + '?' + query;
    }

    /** The origin of a request: {@code scheme://host[:port]}. */
    public static String origin(String scheme, String host, int port) {
        String s = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        boolean defaultPort = port < 0 || (port == 80 && s.equals("http")) || (port == 443 && s.equals("https"));
        return defaultPort ? s + "://" + h : s + "://" + h + ':' + port;
    }

    /** The host of an origin made by {@link #origin}, normalised as {@link #normaliseHost} does. */
    public static String host(String origin) {
        int start = origin.indexOf("://");
        String rest = start < 0 ? origin : origin.substring(start + 3);
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            return normaliseHost(close < 0 ? rest : rest.substring(0, close + 1));
        }
        int colon = rest.indexOf(':');
        return normaliseHost(colon < 0 ? rest : rest.substring(0, colon));
    }

    /** The port an origin made by {@link #origin} names, or -1 when it has the scheme's default. */
    public static int port(String origin) {
        int start = origin.indexOf("://");
        String rest = start < 0 ? origin : origin.substring(start + 3);
        int close = rest.startsWith("[") ? rest.indexOf(']') : -1;
        int colon = rest.indexOf(':', Math.max(close, 0));
        if (colon < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A host name or address in one spelling: lower case, without brackets or a trailing dot, an
     * IPv6 address in its full form ({@code [::1]} and {@code 0:0:0:0:0:0:0:1} are one host).
     */
    public static String normaliseHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            int scope = h.indexOf('%');
            String address = scope < 0 ? h : h.substring(0, scope);
            if (address.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                try {
                    // an IPv6 literal: parsed, never looked up
                    return java.net.InetAddress.getByName("[" + address + "]").getHostAddress();
                } catch (java.net.UnknownHostException e) {
                    return address;
                }
            }
        }
        return h;
    }

    /**
     * The key of a URI reference found in {@code Location} or {@code Content-Location}, resolved
     * against the request's origin and key; null when it names another origin (RFC 9111 §4.4: only
     * same-origin URIs are invalidated) or does not parse.
     */
    public static String resolveSameOrigin(String origin, String requestKey, String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        try {
            java.net.URI base = java.net.URI.create(origin + requestKey);
            java.net.URI target = base.resolve(reference.trim());
            if (target.getHost() == null || target.getScheme() == null
                    || !origin(target.getScheme(), target.getHost(), target.getPort()).equals(origin)) {
                return null;
            }
            return of(target.getRawPath(), target.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String normalisePercentEncoding(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
                char decoded = (char) (hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2)));
                if (unreserved(decoded)) {
                    sb.append(decoded);
                } else {
                    sb.append('%').append(Character.toUpperCase(path.charAt(i + 1)))
                            .append(Character.toUpperCase(path.charAt(i + 2)));
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** RFC 3986 §5.2.4. */
    private static String removeDotSegments(String path) {
        if (!path.contains("/.") && !path.startsWith(".")) {
            return path;
        }
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (s.equals("..")) {
                if (out.size() > 1) {
                    out.removeLast();
                }
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(s);
            }
        }
        String joined = String.join("/", out);
        return joined.startsWith("/") ? joined : "/" + joined;
    }
}
