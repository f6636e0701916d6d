package io.gatecache.jakarta;

import io.gatecache.core.Headers;
import jakarta.servlet.ServletContext;
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
        Headers headers = a.headers();
        for (int i = 0; i < headers.size(); i++) {
            h.add(headers.name(i), headers.value(i));
        }
        if (a.body() != null) {
            res.setEntity(a.body(), NONE, mediaType(headers));
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
        Headers headers = a.headers();
        for (int i = 0; i < headers.size(); i++) {
            b.header(headers.name(i), headers.value(i));
        }
        if (a.body() != null) {
            b.entity(a.body());
        } else if (a.contentLength() >= 0) {
            b.header("Content-Length", String.valueOf(a.contentLength()));
        }
        return b.build();
    }

    private static MediaType mediaType(Headers headers) {
        String ct = headers.first("Content-Type");
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
