package io.gatecache.engine;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where gateway mode sends a request: the configured origin, and the application path the
 * gateway serves. It never builds a URL that leaves the origin, whatever the request path holds.
 */
public final class GatewayRoute {

    private final String origin;
    private final URI originUri;
    private final String prefix;

    /**
     * @param origin the origin's base URL, e.g. {@code http://127.0.0.1:9000} (a path is kept as a prefix)
     * @param prefix the application path the gateway serves, e.g. {@code /} or {@code /legacy}
     */
    public GatewayRoute(String origin, String prefix) {
        URI u;
        try {
            u = URI.create(origin);
        } catch (IllegalArgumentException e) {
            u = null;
        }
        if (u == null || u.getScheme() == null || u.getHost() == null
                || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
            throw new IllegalArgumentException("Gatecache: gatecache.gateway.origin '" + origin
                    + "' is not an http(s) URL like http://127.0.0.1:9000");
        }
        this.origin = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        this.originUri = u;
        String p = prefix == null || prefix.isBlank() ? "/" : prefix.trim();
        p = p.startsWith("/") ? p : "/" + p;
        this.prefix = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }

    /** The servlet mapping of the gateway: {@code /*} or {@code /legacy/*}. */
    public String mapping() {
        return prefix.equals("/") ? "/*" : prefix + "/*";
    }

    /**
     * Whether a path holds a segment such as {@code ..;x} or {@code .;x}: a dot segment to origins
     * that drop path parameters before resolving (Tomcat, Payara), which could climb out of the
     * origin's base path.
     */
    private static boolean hasDotSegmentWithParameters(String path) {
        for (String segment : path.split("/")) {
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0) {
                String name = segment.substring(0, semicolon);
                if (name.equals(".") || name.equals("..")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The origin URL for a path within the application (the gateway prefix taken off, by whole
     * segments) and a raw query; null when they do not make a URL on the origin (a path that does
     * not start with "/", characters a URI may not hold, anything that would name another host,
     * a dot segment with parameters).
     */
    public URI target(String applicationPath, String query) {
        String rest = applicationPath;
        if (!prefix.equals("/")) {
            if (!(rest.equals(prefix) || rest.startsWith(prefix + "/"))) {
                return null;
            }
            rest = rest.substring(prefix.length());
        }
        if (rest.isEmpty()) {
            rest = "/";
        }
        if (!rest.startsWith("/") || rest.startsWith("//") || hasDotSegmentWithParameters(rest)) {
            return null;
        }
        try {
            URI t = new URI(origin + rest + (query == null ? "" : "?" + query));
            boolean sameOrigin = originUri.getScheme().equalsIgnoreCase(t.getScheme())
                    && originUri.getHost().equalsIgnoreCase(t.getHost() == null ? "" : t.getHost())
                    && originUri.getPort() == t.getPort() && t.getRawUserInfo() == null;
            return sameOrigin ? t : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The application path (gateway prefix included, context path not) an absolute URL on the
     * origin is served at, or null when it is not on the origin: an ESI include naming the
     * origin's own URL is a fragment of this gateway.
     */
    public String applicationPath(URI url) {
        if (url.getScheme() == null || url.getHost() == null
                || !originUri.getScheme().equalsIgnoreCase(url.getScheme())
                || !originUri.getHost().equalsIgnoreCase(url.getHost()) || originUri.getPort() != url.getPort()) {
            return null;
        }
        String base = originUri.getRawPath() == null ? "" : originUri.getRawPath();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (!base.isEmpty() && !(path.equals(base) || path.startsWith(base + "/"))) {
            return null;
        }
        String rest = path.substring(base.length());
        rest = rest.isEmpty() ? "/" : rest;
        return (prefix.equals("/") ? "" : prefix) + rest + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    }
}
