package io.gatecache.jakarta.servlet;

import io.gatecache.core.Headers;
import io.gatecache.core.Reason;
import io.gatecache.engine.Answer;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.Exchange;
import io.gatecache.engine.Reply;
import io.gatecache.jakarta.gateway.GatewayServlet;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Set;

/**
 * The application's response as the cache sees it. Nothing reaches the client until the engine
 * has decided, once, on the status and fields (at the first byte of the body, at its end, or at
 * an error the container is asked to send): the response is then replaced by an answer from the
 * store, passed through with the status fields, or captured up to {@code max-entry-bytes} and
 * stored when complete. A body that grows past the limit is given up and streams through
 * untouched, reported as not stored.
 */
final class CapturingResponse extends HttpServletResponseWrapper {

    private enum State {
        /** Nothing decided, nothing sent. */
        UNDECIDED,
        /** To be stored: the body is kept until complete. */
        CAPTURING,
        /** Sent as the application writes it. */
        PASSING,
        /** Answered by the cache: what the application writes is dropped. */
        REPLACED,
        /** Stored and sent, or the application's part is over. */
        DONE
    }

    private final CacheEngine engine;
    private final Exchange exchange;
    private final long maxBytes;
    private final HttpServletRequest request;
    private State state = State.UNDECIDED;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    private long contentLength = -1;
    private ServletOutputStream stream;
    private PrintWriter writer;

    /** @param request the forwarded request, which the gateway marks with how its origin answered */
    CapturingResponse(HttpServletResponse response, CacheEngine engine, Exchange exchange,
            HttpServletRequest request) {
        super(response);
        this.engine = engine;
        this.exchange = exchange;
        this.maxBytes = engine.settings().options().maxEntryBytes();
        this.request = request;
    }

    private HttpServletResponse real() {
        return (HttpServletResponse) getResponse();
    }

    // ---- the decision ---------------------------------------------------------------------

    /** Decides on the status and fields set so far, unless decided already. */
    private void decide(int status) throws IOException {
        if (state != State.UNDECIDED) {
            return;
        }
        GatewayServlet.Origin origin = GatewayServlet.origin(request);
        Reply reply = engine.respond(exchange, status, fields(), origin.unreachable(), origin.gateway());
        if (reply instanceof Reply.Replace replace) {
            state = State.REPLACED;
            real().reset();
            GatecacheFilter.write(real(), replace.answer());
            return;
        }
        Reply.Send send = (Reply.Send) reply;
        set(send.fields());
        state = send.capture() ? State.CAPTURING : State.PASSING;
        if (state == State.PASSING) {
            drain();
        }
    }

    /** The response's status line fields as set so far, Content-Type and Content-Length included. */
    private Headers fields() {
        HttpServletResponse r = real();
        Headers.Builder b = Headers.builder();
        for (String name : r.getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-type") || lower.equals("content-length")) {
                continue;
            }
            for (String value : r.getHeaders(name)) {
                b.add(name, value);
            }
        }
        if (r.getContentType() != null) {
            b.add("Content-Type", r.getContentType());
        }
        if (contentLength >= 0) {
            b.add("Content-Length", String.valueOf(contentLength));
        }
        return b.build();
    }

    private void set(Headers fields) {
        for (int i = 0; i < fields.size(); i++) {
            real().setHeader(fields.name(i), fields.value(i));
        }
    }

    /** Sends what was held back, and from now on passes writes through. */
    private void drain() throws IOException {
        byte[] held = buffer.toByteArray();
        buffer = null;
        if (held.length > 0) {
            real().getOutputStream().write(held);
        }
    }

    /** More bytes of the body. */
    private void write(byte[] b, int off, int len) throws IOException {
        if (state == State.UNDECIDED) {
            decide(getStatus());
        }
        switch (state) {
            case CAPTURING -> {
                if (buffer.size() + (long) len > maxBytes) {
                    set(engine.abandon(exchange, Reason.TOO_LARGE));
                    state = State.PASSING;
                    drain();
                    real().getOutputStream().write(b, off, len);
                } else {
                    buffer.write(b, off, len);
                }
            }
            case PASSING -> real().getOutputStream().write(b, off, len);
            default -> {
                // replaced or done: dropped
            }
        }
    }

    /**
     * The application's part is over: decides if nothing was decided yet, stores a captured body
     * and sends it with the status fields that say what happened.
     */
    void finish() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (state == State.UNDECIDED) {
            decide(getStatus());
        }
        if (state == State.CAPTURING) {
            state = State.DONE;
            byte[] body = buffer.toByteArray();
            buffer = null;
            set(engine.complete(exchange, getStatus(), fields(), body, Set.of()));
            if (contentLength < 0 && !"HEAD".equals(exchange.method())) {
                real().setContentLength(body.length);
            }
            if (body.length > 0) {
                real().getOutputStream().write(body);
            }
        } else if (state == State.PASSING) {
            state = State.DONE;
        }
    }

    /** Whether nothing has reached the client yet, so a stale answer can still replace the response. */
    boolean replaceable() {
        return (state == State.UNDECIDED || state == State.CAPTURING) && !real().isCommitted();
    }

    /** Whether the cache answered instead of the application (stale, say, instead of its error). */
    boolean replaced() {
        return state == State.REPLACED;
    }

    /** Replaces the response with an answer of the cache's (a stale one, instead of a failure). */
    void replace(Answer answer) throws IOException {
        state = State.REPLACED;
        buffer = null;
        real().reset();
        GatecacheFilter.write(real(), answer);
    }

    // ---- the servlet API ------------------------------------------------------------------

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        if (toContainer(sc)) {
            if (msg == null) {
                super.sendError(sc);
            } else {
                super.sendError(sc, msg);
            }
        }
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        if (state == State.UNDECIDED) {
            setStatus(SC_FOUND);
            setHeader("Location", location);
        }
        if (toContainer(SC_FOUND)) {
            super.sendRedirect(location);
        }
    }

    /**
     * Before the container writes a response of its own (an error page, a redirect): the cache
     * decides on its status, never stores it; false when the cache answered instead.
     */
    private boolean toContainer(int status) throws IOException {
        if (state == State.UNDECIDED) {
            decide(status);
        }
        if (state == State.REPLACED) {
            return false;
        }
        if (state == State.CAPTURING) {
            set(engine.abandon(exchange, Reason.CONTAINER_BODY));
        }
        state = State.DONE;
        buffer = null;
        return true;
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        contentLength = len;
        super.setContentLengthLong(len);
    }

    @Override
    public void setHeader(String name, String value) {
        if (name.equalsIgnoreCase("Content-Length")) {
            contentLength = parseLength(value);
        }
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        if (name.equalsIgnoreCase("Content-Length")) {
            contentLength = parseLength(value);
        }
        super.addHeader(name, value);
    }

    private static long parseLength(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean isCommitted() {
        return switch (state) {
            case UNDECIDED, CAPTURING -> false;
            case REPLACED -> true;
            default -> super.isCommitted();
        };
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (state == State.PASSING) {
            super.flushBuffer();
        }
    }

    @Override
    public void resetBuffer() {
        if (state == State.UNDECIDED || state == State.CAPTURING) {
            buffer.reset();
        }
        super.resetBuffer();
    }

    @Override
    public void reset() {
        if (state == State.UNDECIDED || state == State.CAPTURING) {
            buffer.reset();
            contentLength = -1;
        }
        super.reset();
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was called for this response");
        }
        if (stream == null) {
            stream = new Stream();
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws UnsupportedEncodingException {
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
            writer = new PrintWriter(new OutputStreamWriter(new Stream(), charset));
        }
        return writer;
    }

    /** The body as the application writes it. */
    private final class Stream extends ServletOutputStream {
        @Override
        public void write(int b) throws IOException {
            CapturingResponse.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            CapturingResponse.this.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (state == State.PASSING) {
                real().getOutputStream().flush();
            }
        }

        @Override
        public void close() throws IOException {
            finish();
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("Gatecache: non-blocking output is not supported through the cache");
        }
    }
}
