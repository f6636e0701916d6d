package io.gatecache.engine;

import io.gatecache.core.Headers;
import io.gatecache.core.downstream.SharedLifetime;
import io.gatecache.core.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The origin's response to one request as the cache sees it, with no container types: a state
 * machine between the application, which sets fields and writes, and the client's response
 * ({@link Target}). Nothing reaches the client until the engine has decided on the status and
 * fields (at the first byte of the body or a flush, at its end, or at an error or redirect the
 * container is asked to send); the response is then replaced by an answer of the cache's, passed
 * through with the status fields, or captured up to {@code max-entry-bytes} and stored when
 * complete. A body that grows past the limit is given up and streams through, reported as not
 * stored. Once replaced or done, what the application still writes is dropped.
 *
 * <pre>
 *   UNDECIDED --decide--&gt; CAPTURING --finish--&gt; DONE (stored)
 *       |                    |  \--too large--&gt; PASSING
 *       |                    \--error page--&gt; DONE (handed to the container)
 *       +--decide--&gt; PASSING --finish--&gt; DONE
 *       +--decide, or replace--&gt; REPLACED
 *   reset, before anything is sent: back to UNDECIDED
 * </pre>
 *
 * <p>The application may write from another thread than the container's (an asynchronous
 * response) and end it from a third: every transition is made under one lock, so each sees the
 * whole of the one before, and the response is finished once. An ESI page this cache assembles
 * is held whole, stored or not, and sent assembled ({@link HeldPage}).
 */
public final class Capture {

    /** Where a capture stands. */
    public enum State {
        /** Nothing decided, nothing sent. */
        UNDECIDED,
        /** To be stored: the body is kept until complete. */
        CAPTURING,
        /** Sent as the application writes it (or held whole, to be assembled). */
        PASSING,
        /** Answered by the cache: what the application writes is dropped. */
        REPLACED,
        /** Stored and sent, or handed to the container. */
        DONE
    }

    /**
     * How the origin's response came about.
     *
     * @param gateway it comes from a gateway origin (no application defaults apply)
     * @param unreachable the origin could not be reached at all (the status is the gateway's own)
     */
    public record Origin(boolean gateway, boolean unreachable) {
        /** The application answered (no gateway). */
        public static final Origin APPLICATION = new Origin(false, false);
    }

    /** The client's response as the container holds it, and what the capture needs of its request. */
    public interface Target {

        /** The status set so far. */
        int status();

        /**
         * The fields set so far, Content-Type and Content-Length included, tags fields left out, and
         * a cookie the server sends at commit out of the fields' sight standing as a Set-Cookie.
         */
        Headers fields();

        /** Sets fields, replacing those of the same names. */
        void set(Headers fields);

        /** Adds fields. */
        void add(Headers fields);

        void contentLength(long length);

        /** Sends bytes of the body. */
        void write(byte[] b, int off, int len) throws IOException;

        void flush() throws IOException;

        /** Hands the capture what the application wrote that the door still buffers (a writer's characters). */
        void flushApplication() throws IOException;

        /** Whether the container has sent the status and fields. */
        boolean committed();

        /**
         * Writes an answer of the cache's in place of what was set, keeping a cookie the server set
         * for this client (never stored) and a {@code Connection: close} the server set.
         */
        void answer(Answer answer) throws IOException;

        /** How the origin answered (a gateway origin marks its request). */
        Origin origin();

        /** Whether the application's code asked for its includes to be processed (ESI), so the page announces them. */
        boolean includesRequested();

        /** The tags the application's code gave the response (besides its tags fields). */
        Set<String> codeTags();

        /** The request's field lines in order, for the requests of an ESI page's includes. */
        List<Map.Entry<String, String>> requestFieldLines();

        /** This server's own address for the requests of an ESI page's includes, or null. */
        URI loopback();
    }

    private final Object lock = new Object();
    private final CacheEngine engine;
    private final Exchange exchange;
    private final Target target;
    private final HeldTags tags;
    private final HeldVary vary;
    private final long maxBytes;
    private State state = State.UNDECIDED;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    /** The ESI page held to be assembled, or null. */
    private HeldPage page;

    Capture(CacheEngine engine, Exchange exchange, Target target) {
        this.engine = engine;
        this.exchange = exchange;
        this.target = target;
        this.tags = new HeldTags(engine.settings().purging().tagHeader(), engine.settings().purging().contentTags(),
                exchange.revealsTags());
        this.vary = new HeldVary(exchange.showsContext() ? null : engine.settings().userContext().field());
        this.maxBytes = engine.settings().options().maxEntryBytes();
    }

    /** The tags fields held back from the client. Read and change them under {@link #locked}. */
    public HeldTags tags() {
        return tags;
    }

    /** The Vary fields as the application set them, the client's without the hash field. Read and change them under {@link #locked}. */
    public HeldVary vary() {
        return vary;
    }

    /** Runs a step on the response under the capture's lock (a field set, say), so no transition sees half of it. */
    public <T> T locked(Supplier<T> step) {
        synchronized (lock) {
            return step.get();
        }
    }

    /** Runs a step on the response under the capture's lock. */
    public void locked(Runnable step) {
        synchronized (lock) {
            step.run();
        }
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Whether the status and fields may still change: nothing decided, or captured and unsent. */
    public boolean open() {
        synchronized (lock) {
            return held();
        }
    }

    /** Nothing sent yet: undecided, or captured and held. Under the lock. */
    private boolean held() {
        return state == State.UNDECIDED || state == State.CAPTURING;
    }

    /** Whether the cache answered instead of the application (stale instead of its error, say). */
    public boolean replaced() {
        synchronized (lock) {
            return state == State.REPLACED;
        }
    }

    /** Whether nothing has reached the client yet, so an answer of the cache's can still replace the response. */
    public boolean replaceable() {
        synchronized (lock) {
            return held() && !target.committed();
        }
    }

    /** Whether the response counts as committed for the application: never while held, always once replaced. */
    public boolean committed() {
        synchronized (lock) {
            return switch (state) {
                case UNDECIDED, CAPTURING -> false;
                case REPLACED -> true;
                default -> target.committed();
            };
        }
    }

    /** More bytes of the body. */
    public void write(byte[] b, int off, int len) throws IOException {
        synchronized (lock) {
            decideIfUndecided(target.status());
            switch (state) {
                case CAPTURING -> {
                    if (buffer.size() + (long) len > maxBytes) {
                        tooLarge();
                        write(b, off, len);
                    } else {
                        buffer.write(b, off, len);
                    }
                }
                case PASSING -> {
                    if (page != null) {
                        buffer.write(b, off, len);
                    } else {
                        target.write(b, off, len);
                    }
                }
                default -> {
                    // replaced or done: dropped
                }
            }
        }
    }

    /** The body grew past the limit: given up, sent as it comes (held on, for a page to assemble). */
    private void tooLarge() throws IOException {
        Headers notStored = engine.abandon(exchange, Reason.TOO_LARGE);
        state = State.PASSING;
        if (page != null) {
            page.statusFields(notStored);
        } else {
            target.add(notStored);
            toDownstream(storedTags());
            drain();
        }
    }

    /** A flush: decides, and sends on a response passing through. */
    public void flush() throws IOException {
        synchronized (lock) {
            decideIfUndecided(target.status());
            // a response being captured (or held to be assembled) is sent when complete
            if (state == State.PASSING && page == null) {
                target.flush();
            }
        }
    }

    /**
     * The application's part is over: decides if nothing was decided yet, stores a captured body
     * and sends it with the status fields that say what happened. Idempotent.
     */
    public void finish() throws IOException {
        target.flushApplication();
        synchronized (lock) {
            decideIfUndecided(target.status());
            if (page != null && (state == State.CAPTURING || state == State.PASSING)) {
                sendAssembled();
            } else if (state == State.CAPTURING) {
                state = State.DONE;
                byte[] body = takeBuffer();
                Headers fields = target.fields();
                Set<String> stored = storedTags();
                target.add(engine.complete(exchange, target.status(), fields, body, stored));
                toDownstream(stored);
                if (exchange.decided.purgedMeanwhile()) {
                    target.set(Headers.of("Cache-Control",
                            SharedLifetime.staleForSharedCaches(target.fields().get("Cache-Control"))));
                }
                if (!fields.contains("Content-Length") && !"HEAD".equals(exchange.method())) {
                    target.contentLength(body.length);
                }
                if (body.length > 0) {
                    target.write(body, 0, body.length);
                }
            } else if (state == State.PASSING) {
                state = State.DONE;
            }
        }
    }

    /** Replaces the response with an answer of the cache's (assembled when it is an ESI page). */
    public void replace(Answer answer) throws IOException {
        synchronized (lock) {
            state = State.REPLACED;
            buffer = null;
            page = null;
            target.answer(engine.esiPages().assembleAnswer(exchange, answer, target::requestFieldLines,
                    target::loopback));
        }
    }

    /**
     * Before the container writes a response of its own (an error page, a redirect): the cache
     * decides on its status (a server error may still be answered stale), never stores it; false
     * when the cache answered instead, so the container must not write it.
     */
    public boolean toContainer(int status) throws IOException {
        synchronized (lock) {
            if ((state == State.CAPTURING || page != null) && !target.committed()) {
                // nothing sent yet: the new status is judged afresh
                state = State.UNDECIDED;
                buffer = null;
                page = null;
            }
            decideIfUndecided(status);
            if (state == State.REPLACED) {
                return false;
            }
            if (state == State.CAPTURING) {
                target.add(engine.abandon(exchange, Reason.CONTAINER_BODY));
            }
            state = State.DONE;
            buffer = null;
            page = null;
            return true;
        }
    }

    /**
     * The application resets its response: unless something was sent, the status and fields start
     * again, judged afresh when the new response is written. Whether it started again.
     */
    public boolean reset() {
        synchronized (lock) {
            if (!held()) {
                return false;
            }
            state = State.UNDECIDED;
            buffer = new ByteArrayOutputStream(2048);
            page = null;
            tags.clear();
            vary.clear();
            return true;
        }
    }

    /** The application drops what it wrote so far (the fields stay): what is held is dropped too. */
    public void resetBuffer() {
        synchronized (lock) {
            if (held() && buffer != null) {
                buffer.reset();
            }
        }
    }

    // ---- the decision ---------------------------------------------------------------------

    private void decideIfUndecided(int status) throws IOException {
        if (state == State.UNDECIDED) {
            decide(status);
        }
    }

    /** Decides on the status and fields set so far. */
    private void decide(int status) throws IOException {
        if (target.includesRequested() && !target.fields().contains(EsiAnnounce.CONTROL)) {
            target.set(Headers.of(EsiAnnounce.CONTROL, EsiAnnounce.ANNOUNCEMENT));
        }
        Headers fields = target.fields();
        Origin origin = target.origin();
        Reply reply = engine.respond(exchange, status, fields, origin.unreachable(), origin.gateway());
        if (reply instanceof Reply.Replace replace) {
            replace(replace.answer());
            return;
        }
        Reply.Send send = (Reply.Send) reply;
        target.set(send.set());
        target.add(send.add());
        page = HeldPage.of(engine.esiPages(), exchange, fields, send.add());
        state = send.capture() ? State.CAPTURING : State.PASSING;
        if (buffer == null) {
            buffer = new ByteArrayOutputStream(2048);
        }
        if (!send.capture() && page == null) {
            toDownstream(storedTags());
            drain();
        }
    }

    /** Sends an ESI page assembled: stored first when it is to be stored. */
    private void sendAssembled() throws IOException {
        byte[] markup = takeBuffer();
        Headers fields = target.fields();
        if (state == State.CAPTURING) {
            page.statusFields(engine.complete(exchange, target.status(), fields, markup, storedTags()));
        }
        state = State.DONE;
        Answer assembled = page.assemble(target.status(), fields, markup, storedTags(), target::requestFieldLines,
                target::loopback);
        page = null;
        target.answer(assembled);
    }

    /** Sends what was held back; from now on writes pass through. */
    private void drain() throws IOException {
        byte[] held = takeBuffer();
        if (held.length > 0) {
            target.write(held, 0, held.length);
        }
    }

    private byte[] takeBuffer() {
        byte[] held = buffer == null ? new byte[0] : buffer.toByteArray();
        buffer = null;
        return held;
    }

    /** Puts the response's tags in the field the proxy in front reads, when one is configured. */
    private void toDownstream(Set<String> tags) {
        Headers set = engine.downstreamTags().fields(target.fields(), tags, exchange.key);
        if (set.size() > 0) {
            target.set(set);
        }
    }

    private Set<String> storedTags() {
        return tags.tags(target.codeTags());
    }
}
