package io.gatecache.jakarta;

import io.gatecache.core.Headers;
import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writer interceptor, the outermost one: copies the serialized body as it goes to the client and,
 * when the response filter marked the response storable, stores it. A body larger than
 * {@code gatecache.max-entry-bytes} is sent but not stored.
 */
@Provider
@Priority(10)
public class CacheWriterInterceptor implements WriterInterceptor {

    @Context
    private ServletContext servletContext;

    @Context
    private HttpServletResponse servletResponse;

    @Override
    public void aroundWriteTo(WriterInterceptorContext ctx) throws IOException, WebApplicationException {
        Exchange ex = (Exchange) ctx.getProperty(Exchange.ATTRIBUTE);
        CacheEngine engine = ex == null || !ex.storing ? null : JaxrsSupport.engine(servletContext);
        if (engine == null) {
            ctx.proceed();
            return;
        }
        ex.storing = false;
        OutputStream original = ctx.getOutputStream();
        Capture capture = new Capture(original, engine.settings().options().maxEntryBytes());
        ctx.setOutputStream(capture);
        try {
            ctx.proceed();
        } finally {
            ctx.setOutputStream(original);
        }
        Headers headers = JaxrsSupport.headers(ctx.getHeaders());
        if (!capture.overflowed && !JaxrsSupport.withServletCookies(headers, servletResponse).contains("Set-Cookie")) {
            if (!headers.contains("Content-Type") && ctx.getMediaType() != null) {
                headers = headers.with("Content-Type", ctx.getMediaType().toString());
            }
            engine.store(ex, ex.originStatus, headers, capture.copy.toByteArray());
        }
        engine.release(ex);
    }

    /** Passes bytes through and keeps a copy, up to a limit. */
    private static final class Capture extends FilterOutputStream {
        final ByteArrayOutputStream copy = new ByteArrayOutputStream(2048);
        final long limit;
        boolean overflowed;

        Capture(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (!overflowed && copy.size() < limit) {
                copy.write(b);
            } else {
                overflowed = true;
                copy.reset();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            keep(b, off, len);
        }

        private void keep(byte[] b, int off, int len) {
            if (overflowed) {
                return;
            }
            if (copy.size() + (long) len > limit) {
                overflowed = true;
                copy.reset();
                return;
            }
            copy.write(b, off, len);
        }
    }
}
