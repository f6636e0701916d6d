package io.gatecache.jakarta;

import io.gatecache.core.Headers;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

/** Conversions between the cache's values and JAX-RS's, shared by the JAX-RS filters. */
final class JaxrsSupport {

    private static final Annotation[] NONE = new Annotation[0];

    private JaxrsSupport() {
    }

    static CacheEngine engine(ServletContext context) {
        if (context == null) {
            return null;
        }
        CacheEngine engine = (CacheEngine) context.getAttribute(CacheEngine.ATTRIBUTE);
        return engine != null && engine.enabled() ? engine : null;
    }

    /** A JAX-RS header map as the cache's header section; typed values formatted by JAX-RS. */
    static Headers headers(MultivaluedMap<String, ?> map) {
        Headers.Builder b = Headers.builder();
        for (Map.Entry<String, ? extends List<?>> e : map.entrySet()) {
            for (Object v : e.getValue()) {
                b.add(e.getKey(), format(v));
            }
        }
        return b.build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String format(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        try {
            RuntimeDelegate.HeaderDelegate d = RuntimeDelegate.getInstance().createHeaderDelegate(value.getClass());
            return d.toString(value);
        } catch (RuntimeException e) {
            return value.toString();
        }
    }

    /** Replaces a response with an answer from the store. */
    static void replace(ContainerResponseContext res, Answer a) {
        res.setStatus(a.status());
        MultivaluedMap<String, Object> h = res.getHeaders();
        h.clear();
        a.forEachField(h::add);
        if (a.body() != null) {
            res.setEntity(a.body(), NONE, mediaType(a.contentType()));
        } else {
            res.setEntity(null);
            if (a.contentLength() >= 0) {
                h.putSingle("Content-Length", String.valueOf(a.contentLength()));
            }
        }
    }

    /** An answer from the store as a response to abort a request with. */
    static Response response(Answer a) {
        Response.ResponseBuilder b = Response.status(a.status());
        a.forEachField(b::header);
        if (a.body() != null) {
            b.entity(a.body());
        } else if (a.contentLength() >= 0) {
            b.header("Content-Length", String.valueOf(a.contentLength()));
        }
        return b.build();
    }

    /**
     * The response's fields with any Set-Cookie the servlet layer added outside JAX-RS (a session
     * cookie, say), so the storage decision sees it.
     */
    static Headers withServletCookies(Headers headers, HttpServletResponse servlet) {
        if (servlet == null || headers.contains("Set-Cookie")) {
            return headers;
        }
        try {
            return servlet.containsHeader("Set-Cookie") ? headers.with("Set-Cookie", "(set by the container)")
                    : headers;
        } catch (IllegalStateException notInARequest) {
            return headers;
        }
    }

    private static MediaType mediaType(String ct) {
        if (ct == null) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
        try {
            return MediaType.valueOf(ct);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }
}
