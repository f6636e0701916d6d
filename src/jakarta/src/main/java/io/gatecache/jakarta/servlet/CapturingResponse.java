package io.gatecache.jakarta.servlet;

import io.gatecache.engine.Capture;
import io.gatecache.engine.HeldTags;
import io.gatecache.engine.HeldVary;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.List;

/**
 * The application's response, handed to the engine's {@link Capture}: what the application sets
 * and writes goes through the capture, which decides once and holds, passes, stores or replaces;
 * this wrapper only speaks the servlet API. Tags fields are held back ({@link HeldTags}) and read
 * back as set; once the cache answered instead, what the application still does is ignored.
 */
final class CapturingResponse extends HttpServletResponseWrapper {

    private final Capture capture;
    private final HeldTags tags;
    private final HeldVary vary;
    private final ServletTarget target;
    private final HttpServletRequest request;
    /** A write listener was set (one per response). */
    private boolean listening;
    private ServletOutputStream stream;
    private PrintWriter writer;

    /**
     * @param capture the engine's capture of this response, over {@code target}
     * @param request the forwarded request, which the gateway marks with how its origin answered
     */
    private CapturingResponse(HttpServletResponse response, Capture capture, ServletTarget target,
            HttpServletRequest request) {
        super(response);
        this.capture = capture;
        this.tags = capture.tags();
        this.vary = capture.vary();
        this.target = target;
        this.request = request;
    }

    /** The wrapper over a new capture of the response. */
    static CapturingResponse over(HttpServletResponse response, HttpServletRequest request,
            java.util.function.Function<Capture.Target, Capture> capture) {
        ServletTarget target = new ServletTarget(response, request);
        CapturingResponse wrapper = new CapturingResponse(response, capture.apply(target), target, request);
        target.attach(wrapper.tags, wrapper.vary, wrapper::flushWriter);
        wrapper.holdBackTagFields();
        wrapper.holdBackVary();
        return wrapper;
    }

    Capture capture() {
        return capture;
    }

    private HttpServletResponse real() {
        return (HttpServletResponse) getResponse();
    }

    /**
     * Takes over the tags fields set before the response reached the cache (by a filter in front
     * of it): they become tags like the others, and leave the response the client gets.
     */
    private void holdBackTagFields() {
        capture.locked(() -> {
            HttpServletResponse r = real();
            for (String name : List.copyOf(r.getHeaderNames())) {
                if (tags.holds(name)) {
                    r.getHeaders(name).forEach(value -> tags.add(name, value));
                    if (!tags.revealed()) {
                        r.setHeader(name, null);
                        if (r.containsHeader(name)) {
                            r.setHeader(name, "");
                        }
                    }
                }
            }
        });
    }

    /** Takes over the Vary fields set before the response reached the cache: the client gets them without the hash field. */
    private void holdBackVary() {
        capture.locked(() -> {
            HttpServletResponse r = real();
            if (r.containsHeader("Vary")) {
                r.getHeaders("Vary").forEach(value -> vary.add("Vary", value));
                sendVary();
            }
        });
    }

    /** Puts the Vary the client gets in the container's response. Under the capture lock. */
    private void sendVary() {
        HttpServletResponse r = real();
        String sent = vary.sent();
        r.setHeader("Vary", sent);
        if (sent == null && r.containsHeader("Vary")) {
            r.setHeader("Vary", "");
        }
    }

    /** The application's part is over: the capture decides, stores and sends what it holds. Idempotent. */
    void finish() throws IOException {
        capture.finish();
    }

    // ---- fields ---------------------------------------------------------------------------

    @Override
    public String getHeader(String name) {
        return capture.locked(() -> tags.holds(name) ? tags.first(name)
                : vary.holds(name) ? vary.all(name).stream().findFirst().orElse(null) : super.getHeader(name));
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return capture.locked(() -> tags.holds(name) ? tags.all(name)
                : vary.holds(name) ? vary.all(name) : super.getHeaders(name));
    }

    @Override
    public boolean containsHeader(String name) {
        return capture.locked(() -> tags.holds(name) ? !tags.all(name).isEmpty()
                : vary.holds(name) ? !vary.all(name).isEmpty() : super.containsHeader(name));
    }

    @Override
    public void setHeader(String name, String value) {
        field(name, value, true);
    }

    @Override
    public void addHeader(String name, String value) {
        field(name, value, false);
    }

    private void field(String name, String value, boolean set) {
        capture.locked(() -> {
            if (capture.replaced()) {
                return;
            }
            if (tags.holds(name)) {
                if (set) {
                    tags.set(name, value);
                } else {
                    tags.add(name, value);
                }
                if (!tags.revealed()) {
                    return;
                }
            }
            if (vary.holds(name)) {
                if (set) {
                    vary.set(name, value);
                } else {
                    vary.add(name, value);
                }
                sendVary();
                return;
            }
            if (name.equalsIgnoreCase("Content-Length")) {
                target.lengthSet(parseLength(value));
            }
            if (set) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        });
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, String.valueOf(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, String.valueOf(value));
    }

    @Override
    public void setDateHeader(String name, long date) {
        unlessReplaced(() -> super.setDateHeader(name, date));
    }

    @Override
    public void addDateHeader(String name, long date) {
        unlessReplaced(() -> super.addDateHeader(name, date));
    }

    @Override
    public void addCookie(Cookie cookie) {
        unlessReplaced(() -> {
            target.cookieAdded();
            super.addCookie(cookie);
        });
    }

    @Override
    public void setStatus(int sc) {
        unlessReplaced(() -> super.setStatus(sc));
    }

    @Override
    public void setContentType(String type) {
        unlessReplaced(() -> super.setContentType(type));
    }

    @Override
    public void setCharacterEncoding(String charset) {
        unlessReplaced(() -> super.setCharacterEncoding(charset));
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        unlessReplaced(() -> {
            target.lengthSet(len);
            super.setContentLengthLong(len);
        });
    }

    /** A change the application makes, ignored once the cache answered instead. */
    private void unlessReplaced(Runnable change) {
        capture.locked(() -> {
            if (!capture.replaced()) {
                change.run();
            }
        });
    }

    private static long parseLength(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- the container's own responses, commit and reset -----------------------------------

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (capture.toContainer(sc)) {
            if (msg == null) {
                super.sendError(sc);
            } else {
                super.sendError(sc, msg);
            }
        }
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        capture.locked(() -> {
            if (capture.open()) {
                setStatus(SC_FOUND);
                setHeader("Location", location);
            }
        });
        if (capture.toContainer(SC_FOUND)) {
            super.sendRedirect(location);
        }
    }

    @Override
    public boolean isCommitted() {
        return capture.committed();
    }

    @Override
    public void flushBuffer() throws IOException {
        flushWriter();
        capture.flush();
    }

    void flushWriter() {
        PrintWriter w;
        synchronized (this) {
            w = writer;
        }
        if (w != null) {
            w.flush();
        }
    }

    @Override
    public void resetBuffer() {
        capture.locked(() -> {
            if (!capture.replaced()) {
                capture.resetBuffer();
                super.resetBuffer();
            }
        });
    }

    @Override
    public void reset() {
        capture.locked(() -> {
            if (capture.replaced()) {
                return;
            }
            if (capture.reset()) {
                target.restart();
            }
            String connection = real().getHeader("Connection");
            super.reset();
            keepClose(real(), connection);
        });
    }

    /** Sets {@code Connection: close} again after a reset, when the front door had set it. */
    static void keepClose(HttpServletResponse res, String connection) {
        if ("close".equalsIgnoreCase(connection)) {
            res.setHeader("Connection", "close");
        }
    }

    // ---- the body -------------------------------------------------------------------------

    @Override
    public synchronized ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was called for this response");
        }
        if (stream == null) {
            stream = new Stream();
        }
        return stream;
    }

    @Override
    public synchronized PrintWriter getWriter() throws UnsupportedEncodingException {
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() was called for this response");
            }
            String encoding = getCharacterEncoding();
            Charset charset;
            try {
                charset = Charset.forName(encoding == null ? "ISO-8859-1" : encoding);
            } catch (RuntimeException e) {
                throw new UnsupportedEncodingException(encoding);
            }
            // the writer's encoding is the response's, as a container's own writer fixes it
            setCharacterEncoding(charset.name());
            writer = new PrintWriter(new OutputStreamWriter(new Stream(), charset));
        }
        return writer;
    }

    /** The body as the application writes it, into the capture. */
    private final class Stream extends ServletOutputStream {
        @Override
        public void write(int b) throws IOException {
            capture.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            capture.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            capture.flush();
        }

        @Override
        public void close() throws IOException {
            finish();
        }

        /** Always: the cache takes every write (it holds what it captures, and writes the rest through). */
        @Override
        public boolean isReady() {
            return true;
        }

        /**
         * Non-blocking output (RESTEasy's asynchronous responses use it): the listener is called
         * once, on a container thread, and may write all it has, since the stream is always
         * ready; what passes through is written to the client in blocking mode from that thread.
         */
        @Override
        public void setWriteListener(WriteListener listener) {
            if (!request.isAsyncStarted()) {
                throw new IllegalStateException("non-blocking output needs an asynchronous request");
            }
            synchronized (CapturingResponse.this) {
                if (listening) {
                    throw new IllegalStateException("a write listener was set already");
                }
                listening = true;
            }
            jakarta.servlet.AsyncContext async = request.getAsyncContext();
            async.start(() -> {
                try {
                    listener.onWritePossible();
                } catch (IOException | RuntimeException e) {
                    listener.onError(e);
                    async.complete();
                }
            });
        }
    }
}
