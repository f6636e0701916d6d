package io.gatecache.jakarta.servlet;

import io.gatecache.core.Headers;
import io.gatecache.core.Reason;
import io.gatecache.core.tags.Tags;
import io.gatecache.engine.Answer;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.EsiAnnounce;
import io.gatecache.engine.Exchange;
import io.gatecache.engine.Reply;
import io.gatecache.jakarta.esi.EsiIncludes;
import io.gatecache.jakarta.gateway.GatewayServlet;
import io.gatecache.jakarta.tags.RequestTags;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The application's response as the cache sees it. Nothing reaches the client until the engine
 * has decided on the status and fields (at the first byte of the body or a flush, at its end, or
 * at an error or redirect the container is asked to send): the response is then replaced by an
 * answer of the cache's, passed through with the status fields, or captured up to
 * {@code max-entry-bytes} and stored when complete, after the engine has checked that its final
 * status and fields still allow it. A body that grows past the limit is given up and streams
 * through untouched, reported as not stored. Once replaced, what the application still does to
 * the response is ignored.
 *
 * <p>The application may write from another thread than the container's (an asynchronous
 * response), and end it from a third: every step that reads or changes what is held is made
 * under this object's lock, so one step sees the whole of the one before, and the response is
 * finished once.
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
        /** Stored and sent, or handed to the container. */
        DONE
    }

    private final CacheEngine engine;
    private final Exchange exchange;
    private final HttpServletRequest request;
    private final long maxBytes;
    private volatile State state = State.UNDECIDED;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    private long contentLength = -1;
    private ServletOutputStream stream;
    /** The application added a cookie (some servers keep those out of the response's fields). */
    private boolean cookieAdded;
    /** A write listener was set (one per response). */
    private boolean listening;
    private PrintWriter writer;
    /** Whether the response is an ESI page this cache assembles: held whole, sent assembled. */
    private boolean assembling;
    /** The status fields given when the response was decided (an assembled page is sent with them). */
    private Headers passFields = Headers.EMPTY;
    /** The tags fields the application set, held back from the client. */
    private final List<java.util.Map.Entry<String, String>> tagFields = new ArrayList<>(2);
    private final String tagHeader;

    /** @param request the forwarded request, which the gateway marks with how its origin answered */
    CapturingResponse(HttpServletResponse response, CacheEngine engine, Exchange exchange,
            HttpServletRequest request) {
        super(response);
        this.engine = engine;
        this.exchange = exchange;
        this.request = request;
        this.maxBytes = engine.settings().options().maxEntryBytes();
        this.tagHeader = engine.settings().purging().tagHeader();
        holdBackTagFields();
    }

    private HttpServletResponse real() {
        return (HttpServletResponse) getResponse();
    }

    private boolean open() {
        return state == State.UNDECIDED || state == State.CAPTURING;
    }

    // ---- tags -----------------------------------------------------------------------------

    /** Whether a field carries tags: kept from the client (unless it may see them) and stored with the entry. */
    private boolean isTagHeader(String name) {
        return Tags.isTagHeader(name, tagHeader);
    }

    /**
     * Takes over the tags fields set before the response reached the cache (by a filter in front
     * of it): they become tags like the others, and leave the response the client gets.
     */
    private void holdBackTagFields() {
        HttpServletResponse r = real();
        for (String name : List.copyOf(r.getHeaderNames())) {
            if (isTagHeader(name)) {
                for (String value : r.getHeaders(name)) {
                    tagFields.add(java.util.Map.entry(name, value));
                }
                if (!exchange.revealsTags()) {
                    r.setHeader(name, null);
                    if (r.containsHeader(name)) {
                        r.setHeader(name, "");
                    }
                }
            }
        }
    }

    @Override
    public synchronized String getHeader(String name) {
        if (isTagHeader(name)) {
            return tagFields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(java.util.Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        return super.getHeader(name);
    }

    @Override
    public synchronized java.util.Collection<String> getHeaders(String name) {
        if (isTagHeader(name)) {
            return tagFields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(java.util.Map.Entry::getValue)
                    .toList();
        }
        return super.getHeaders(name);
    }

    @Override
    public synchronized boolean containsHeader(String name) {
        if (isTagHeader(name)) {
            return tagFields.stream().anyMatch(f -> f.getKey().equalsIgnoreCase(name));
        }
        return super.containsHeader(name);
    }

    /** The response's tags: from its tags fields, and those code gave it ({@link RequestTags}). */
    private Set<String> tags() {
        Set<String> tags = new LinkedHashSet<>(RequestTags.of(request));
        for (java.util.Map.Entry<String, String> f : tagFields) {
            Tags.addTo(tags, f.getValue());
        }
        return tags;
    }

    // ---- the decision ---------------------------------------------------------------------

    /** Decides on the status and fields set so far, unless decided already. */
    private void decide(int status) throws IOException {
        if (state != State.UNDECIDED) {
            return;
        }
        GatewayServlet.Outcome origin = GatewayServlet.outcome(request);
        if (request.getAttribute(EsiIncludes.ATTRIBUTE) != null && !real().containsHeader(EsiAnnounce.CONTROL)) {
            real().setHeader(EsiAnnounce.CONTROL, EsiAnnounce.ANNOUNCEMENT);
        }
        Headers fields = fields();
        Reply reply = engine.respond(exchange, status, fields, origin.unreachable(), origin.gateway());
        if (reply instanceof Reply.Replace replace) {
            replace(replace.answer());
            return;
        }
        Reply.Send send = (Reply.Send) reply;
        set(send.set());
        add(send.add());
        // an ESI page this cache assembles is held whole, stored or not, and sent assembled
        assembling = !"HEAD".equals(exchange.method()) && engine.esiPages().assembles(exchange, fields);
        passFields = send.add();
        if (send.capture() || assembling) {
            state = send.capture() ? State.CAPTURING : State.PASSING;
            if (buffer == null) {
                buffer = new ByteArrayOutputStream(2048);
            }
        } else {
            state = State.PASSING;
            drain();
        }
    }

    /**
     * Sends an ESI page assembled: its markup (stored first when it is to be stored) with its
     * includes, and the caching fields merged with theirs.
     */
    private void sendAssembled() throws IOException {
        byte[] markup = buffer.toByteArray();
        buffer = null;
        Headers statusFields = state == State.CAPTURING
                ? engine.complete(exchange, getStatus(), fields(), markup, tags()) : passFields;
        state = State.DONE;
        Headers page = fields().without("Set-Cookie");
        Answer answer = engine.esiPages().assembleCaptured(exchange, getStatus(), page, statusFields, markup, tags(),
                () -> GatecacheFilter.fieldLines(request), () -> GatecacheFilter.loopback(request));
        writeAnswer(answer);
    }

    /** The response's fields as set so far, Content-Type and Content-Length included. */
    private Headers fields() {
        HttpServletResponse r = real();
        Headers.Builder b = Headers.builder();
        for (String name : r.getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-type") || lower.equals("content-length") || isTagHeader(name)) {
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
        if (!r.containsHeader("Set-Cookie") && (cookieAdded || newSession())) {
            // a cookie added with addCookie, and a new session's cookie, are sent when the response
            // is committed, in fields no wrapper sees on some servers (Undertow): the decision sees
            // them all the same
            b.add("Set-Cookie", UNSEEN_COOKIE);
        }
        return b.build();
    }

    /** Stands for a cookie the server sends with the response, set out of the fields' sight. */
    private static final String UNSEEN_COOKIE = "(a cookie the server sends at commit)";

    private boolean newSession() {
        try {
            jakarta.servlet.http.HttpSession session = request.getSession(false);
            return session != null && session.isNew();
        } catch (IllegalStateException e) {
            // invalidated meanwhile
            return false;
        }
    }

    private void set(Headers fields) {
        for (int i = 0; i < fields.size(); i++) {
            real().setHeader(fields.name(i), fields.value(i));
        }
    }

    private void add(Headers fields) {
        for (int i = 0; i < fields.size(); i++) {
            real().addHeader(fields.name(i), fields.value(i));
        }
    }

    /** Sends what was held back, and from now on passes writes through. */
    private void drain() throws IOException {
        byte[] held = buffer == null ? new byte[0] : buffer.toByteArray();
        buffer = null;
        if (held.length > 0) {
            real().getOutputStream().write(held);
        }
    }

    /** More bytes of the body. */
    private synchronized void write(byte[] b, int off, int len) throws IOException {
        if (state == State.UNDECIDED) {
            decide(getStatus());
        }
        switch (state) {
            case CAPTURING -> {
                if (buffer.size() + (long) len > maxBytes) {
                    Headers notStored = engine.abandon(exchange, Reason.TOO_LARGE);
                    state = State.PASSING;
                    if (assembling) {
                        passFields = notStored; // still held whole, to be assembled
                        buffer.write(b, off, len);
                    } else {
                        add(notStored);
                        drain();
                        real().getOutputStream().write(b, off, len);
                    }
                } else {
                    buffer.write(b, off, len);
                }
            }
            case PASSING -> {
                if (assembling) {
                    buffer.write(b, off, len);
                } else {
                    real().getOutputStream().write(b, off, len);
                }
            }
            default -> {
                // replaced or done: dropped
            }
        }
    }

    /**
     * The application's part is over: decides if nothing was decided yet, stores a captured body
     * and sends it with the status fields that say what happened. Idempotent.
     */
    synchronized void finish() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (state == State.UNDECIDED) {
            decide(getStatus());
        }
        if (assembling && (state == State.CAPTURING || state == State.PASSING)) {
            sendAssembled();
            return;
        }
        if (state == State.CAPTURING) {
            state = State.DONE;
            byte[] body = buffer.toByteArray();
            buffer = null;
            add(engine.complete(exchange, getStatus(), fields(), body, tags()));
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

    /** Whether nothing has reached the client yet, so an answer of the cache's can still replace the response. */
    boolean replaceable() {
        return open() && !real().isCommitted();
    }

    /** Whether the cache answered instead of the application (stale instead of its error, say). */
    boolean replaced() {
        return state == State.REPLACED;
    }

    /**
     * Replaces the response with an answer of the cache's. A cookie the container set for this
     * client (a new session, say) still goes with it (it is never stored), and so does a
     * {@code Connection: close} the front door set.
     */
    synchronized void replace(Answer answer) throws IOException {
        state = State.REPLACED;
        buffer = null;
        writeAnswer(engine.esiPages().assembleAnswer(exchange, answer, () -> GatecacheFilter.fieldLines(request),
                () -> GatecacheFilter.loopback(request)));
    }

    /** Writes an answer in place of what the application set, keeping its cookies and a close. */
    private void writeAnswer(Answer answer) throws IOException {
        buffer = null;
        List<String> cookies = new ArrayList<>(real().getHeaders("Set-Cookie"));
        String connection = real().getHeader("Connection");
        real().reset();
        GatecacheFilter.write(real(), answer);
        cookies.forEach(c -> real().addHeader("Set-Cookie", c));
        keepClose(connection);
    }

    /**
     * Before the container writes a response of its own (an error page, a redirect): the cache
     * decides on its status (a server error may still be answered stale), never stores it; false
     * when the cache answered instead.
     */
    private boolean toContainer(int status) throws IOException {
        if ((state == State.CAPTURING || assembling) && !real().isCommitted()) {
            // nothing sent yet: the new status is judged afresh
            state = State.UNDECIDED;
            buffer = null;
            assembling = false;
        }
        if (state == State.UNDECIDED) {
            decide(status);
        }
        if (state == State.REPLACED) {
            return false;
        }
        if (state == State.CAPTURING) {
            add(engine.abandon(exchange, Reason.CONTAINER_BODY));
        }
        state = State.DONE;
        buffer = null;
        return true;
    }

    // ---- the servlet API ------------------------------------------------------------------

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public synchronized void sendError(int sc, String msg) throws IOException {
        if (toContainer(sc)) {
            if (msg == null) {
                super.sendError(sc);
            } else {
                super.sendError(sc, msg);
            }
        }
    }

    @Override
    public synchronized void sendRedirect(String location) throws IOException {
        if (open()) {
            setStatus(SC_FOUND);
            setHeader("Location", location);
        }
        if (toContainer(SC_FOUND)) {
            super.sendRedirect(location);
        }
    }

    @Override
    public void setStatus(int sc) {
        if (!replaced()) {
            super.setStatus(sc);
        }
    }

    @Override
    public synchronized void setHeader(String name, String value) {
        if (replaced()) {
            return;
        }
        if (isTagHeader(name)) {
            tagFields.removeIf(f -> f.getKey().equalsIgnoreCase(name));
            tagFields.add(java.util.Map.entry(name, value == null ? "" : value));
            if (!exchange.revealsTags()) {
                return;
            }
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            contentLength = parseLength(value);
        }
        super.setHeader(name, value);
    }

    @Override
    public synchronized void addHeader(String name, String value) {
        if (replaced()) {
            return;
        }
        if (isTagHeader(name)) {
            tagFields.add(java.util.Map.entry(name, value == null ? "" : value));
            if (!exchange.revealsTags()) {
                return;
            }
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            contentLength = parseLength(value);
        }
        super.addHeader(name, value);
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
        if (!replaced()) {
            super.setDateHeader(name, date);
        }
    }

    @Override
    public void addDateHeader(String name, long date) {
        if (!replaced()) {
            super.addDateHeader(name, date);
        }
    }

    @Override
    public synchronized void addCookie(Cookie cookie) {
        if (!replaced()) {
            cookieAdded = true;
            super.addCookie(cookie);
        }
    }

    @Override
    public void setContentType(String type) {
        if (!replaced()) {
            super.setContentType(type);
        }
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (!replaced()) {
            super.setCharacterEncoding(charset);
        }
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public synchronized void setContentLengthLong(long len) {
        if (!replaced()) {
            contentLength = len;
            super.setContentLengthLong(len);
        }
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
    public synchronized void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (state == State.UNDECIDED) {
            decide(getStatus());
        }
        // a response being captured (or held to be assembled) is sent when complete; one passing through goes now
        if (state == State.PASSING && !assembling) {
            super.flushBuffer();
        }
    }

    @Override
    public synchronized void resetBuffer() {
        if (replaced()) {
            return;
        }
        if (open() && buffer != null) {
            buffer.reset();
        }
        super.resetBuffer();
    }

    @Override
    public synchronized void reset() {
        if (replaced()) {
            return;
        }
        if (open()) {
            // status and fields start again: judged afresh when the new response is written
            state = State.UNDECIDED;
            buffer = new ByteArrayOutputStream(2048);
            contentLength = -1;
            tagFields.clear();
            assembling = false;
            cookieAdded = false;
        }
        String connection = real().getHeader("Connection");
        super.reset();
        keepClose(connection);
    }

    /** Sets {@code Connection: close} again after a reset, when the front door had set it. */
    private void keepClose(String connection) {
        if ("close".equalsIgnoreCase(connection)) {
            real().setHeader("Connection", "close");
        }
    }

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
            synchronized (CapturingResponse.this) {
                if (state == State.UNDECIDED) {
                    decide(getStatus());
                }
                if (state == State.PASSING && !assembling) {
                    real().getOutputStream().flush();
                }
            }
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
