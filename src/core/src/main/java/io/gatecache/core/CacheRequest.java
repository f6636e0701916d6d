package io.gatecache.core;

import java.util.Locale;

/**
 * A request as the policy sees it: its method and fields, with the request {@code Cache-Control}
 * parsed once on first use. {@code Pragma: no-cache} counts as {@code no-cache} only when the
 * request has no Cache-Control (RFC 9111 §5.4).
 */
public final class CacheRequest {

    private final String method;
    private final RequestFields fields;
    private CacheControl cacheControl;

    public CacheRequest(String method, RequestFields fields) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.fields = fields;
    }

    public String method() {
        return method;
    }

    public RequestFields fields() {
        return fields;
    }

    public String field(String name) {
        return fields.get(name);
    }

    public boolean isGetOrHead() {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** Unsafe methods (RFC 9110 §9.2.1) invalidate what they target (RFC 9111 §4.4). */
    public boolean isUnsafe() {
        return !(isGetOrHead() || method.equals("OPTIONS") || method.equals("TRACE"));
    }

    /** Whether the request has content: a Content-Length other than 0, or a Transfer-Encoding. */
    public boolean hasBody() {
        String length = fields.get("Content-Length");
        return fields.get("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
    }

    public CacheControl cacheControl() {
        CacheControl cc = cacheControl;
        if (cc == null) {
            String value = fields.get("Cache-Control");
            cc = value == null ? CacheControl.EMPTY : CacheControl.parse(value);
            cacheControl = cc;
        }
        return cc;
    }

    /** Request no-cache, or Pragma: no-cache without any Cache-Control. */
    public boolean noCache() {
        if (cacheControl().noCache()) {
            return true;
        }
        if (fields.get("Cache-Control") != null) {
            return false;
        }
        String pragma = fields.get("Pragma");
        return pragma != null && pragma.toLowerCase(Locale.ROOT).contains("no-cache");
    }

}
