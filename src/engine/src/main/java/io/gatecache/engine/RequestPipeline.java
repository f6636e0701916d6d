package io.gatecache.engine;

import io.gatecache.core.Headers;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sequence of one request through the cache, owned here so that a front door only reads its
 * request and writes what it is told ({@link Door}):
 * <ol>
 * <li>find the user's context hash ({@link UserContexts}), or answer the hash lookup or a refusal;</li>
 * <li>look the request up ({@link Lookups}) and answer what the store can answer
 * ({@link Answers}), starting a background refresh of a stale entry where allowed;</li>
 * <li>otherwise, for a GET, wait for a concurrent miss of the same key ({@link Coalescing}) and
 * answer from what it stored;</li>
 * <li>otherwise pass the request to the application, with the stored validators when
 * revalidating ({@link Storing}), its response going through a {@link Capture}, which decides
 * once, then stores or replaces it;</li>
 * <li>answer stale instead of a failure of the application where allowed;</li>
 * <li>end the request's coalescing turn, however and whenever the response ends.</li>
 * </ol>
 */
public final class RequestPipeline {

    private static final Logger LOG = Logger.getLogger(RequestPipeline.class.getName());

    private final CacheEngine engine;

    RequestPipeline(CacheEngine engine) {
        this.engine = engine;
    }

    /**
     * A front door's view of one request: what it reads of the request, how it writes an answer of
     * the cache's, and how it passes the request on to the application.
     *
     * @param <X> what the application may throw besides I/O failures (a servlet's exception)
     */
    public interface Door<X extends Exception> extends UserContexts.Source {

        /** Whether the request is a background refresh of the cache's own. */
        boolean refresh();

        /** Tells the application that the request is a fragment request of this cache's ESI includes. */
        void fragment();

        /**
         * Puts the user context hash on the request, in the field {@code field}: what the door reads
         * of the request from now on, what it passes on, and the field lines it gives, have it.
         */
        void userHash(String field, String hash);

        /** Writes an answer of the cache's. */
        void answer(Answer answer) throws IOException;

        /**
         * Starts a background refresh of the key; false when none can be made from here (the entry
         * is then revalidated in the request).
         */
        boolean refreshInBackground(String key);

        /** The request's field lines, in order, for the requests of an ESI page's includes. */
        List<Map.Entry<String, String>> fieldLines();

        /** This server's own address for the requests of an ESI page's includes, or null. */
        URI loopback();

        /**
         * Passes the request on to the application, with {@code validators} in place of the
         * client's conditionals, the application's response going through the capture
         * {@code capture} makes of it. Returns when the application's part has returned: whether
         * the response goes on asynchronously, in which case the door finishes the capture when it
         * ends, and runs {@code ended} once then, however it ends.
         */
        boolean pass(Headers validators, Function<Capture.Target, Capture> capture, Runnable ended)
                throws IOException, X;
    }

    /** Takes a request through the cache, from its lookup to its response's end. */
    public <X extends Exception> void handle(Door<X> door) throws IOException, X {
        Latencies latencies = engine.statistics().latencies();
        long arrived = latencies.start();
        EsiPages.FragmentMark fragment = engine.esiPages().fragment(door.field(EsiPages.fragmentField()));
        String origin = fragment != null ? fragment.origin() : door.origin();
        boolean refresh = door.refresh();
        // the cache's own requests (a fragment's, a refresh's) carry the hash of the request they serve
        UserContexts.Resolved context = engine.userContexts().resolve(door, fragment != null || refresh);
        if (context.answer() != null) {
            door.answer(context.answer());
            return;
        }
        if (context.hash() != null) {
            door.userHash(engine.userContexts().field(), context.hash());
        }
        boolean revealTags = !refresh && engine.revealsTagsTo(door.remoteAddress(), door::field);
        Exchange ex = engine.begin(door.method(), origin, door.localPort(), door.path(), door.query(), door::field,
                fragment, revealTags);
        ex.context = context.held();
        if (fragment != null) {
            door.fragment();
        }
        if (refresh) {
            engine.refreshing(ex);
        }
        if (answered(door, ex, !refresh, latencies, arrived)) {
            return;
        }
        boolean async = false;
        try {
            if (!refresh) {
                Exchange coalesced = engine.coalesce(ex);
                if (coalesced != ex) {
                    ex = coalesced;
                    if (answered(door, ex, true, latencies, arrived)) {
                        return;
                    }
                }
            }
            async = forward(door, ex, latencies == Latencies.NONE ? null : new Timed(latencies, arrived));
        } finally {
            if (!async) {
                engine.release(ex);
            }
        }
    }

    /** Answers what the store can answer; false when the request must go on. */
    private boolean answered(Door<?> door, Exchange ex, boolean mayRefresh, Latencies latencies, long arrived)
            throws IOException {
        Answer answer = engine.serve(ex, mayRefresh ? e -> door.refreshInBackground(e.key()) : null);
        if (answer == null) {
            return false;
        }
        try {
            door.answer(engine.esiPages().assembleAnswer(ex, answer, door::fieldLines, door::loopback));
        } finally {
            // counted when it was decided: timed however its writing ends
            if (!ex.refresh) {
                latencies.responded(ex.status, arrived);
            }
        }
        return true;
    }

    /**
     * The timing of a request passed on to the origin, while the metrics are on: the response's
     * from the request's arrival, the origin's from the pass, reported once, as the response ends
     * (however and on whichever thread it ends).
     */
    private static final class Timed {
        private final Latencies latencies;
        private final long arrived;
        private final long passed = System.nanoTime();
        private final AtomicBoolean reported = new AtomicBoolean();

        Timed(Latencies latencies, long arrived) {
            this.latencies = latencies;
            this.arrived = arrived;
        }

        void ended(Exchange ex) {
            if (reported.compareAndSet(false, true)) {
                long now = System.nanoTime();
                latencies.origin(now - passed);
                if (ex.status != null && !ex.refresh) {
                    latencies.response(ex.status, now - arrived);
                }
            }
        }
    }

    /**
     * Passes the request on to the application, answering stale instead of a failure where
     * allowed; whether the response goes on asynchronously. {@code timed} is null while the
     * metrics are off.
     */
    private <X extends Exception> boolean forward(Door<X> door, Exchange ex, Timed timed) throws IOException, X {
        Made made = new Made(ex);
        AtomicBoolean released = new AtomicBoolean();
        // the coalescing turn ends once, when an asynchronous response ends however it ends
        Runnable ended = () -> {
            if (released.compareAndSet(false, true)) {
                if (timed != null) {
                    timed.ended(ex);
                }
                engine.release(ex);
            }
        };
        boolean async;
        try {
            async = door.pass(engine.validators(ex), made, ended);
        } catch (Exception failure) {
            try {
                Capture capture = made.capture;
                if (capture == null) {
                    throw failure;
                }
                if (!capture.replaced()) {
                    Answer stale = capture.replaceable() ? engine.failed(ex) : null;
                    if (stale == null) {
                        throw failure;
                    }
                    capture.replace(stale);
                }
            } finally {
                if (timed != null) {
                    timed.ended(ex);
                }
            }
            // the response was answered by the cache (stale instead of an error): the failure stays here
            LOG.log(Level.WARNING, "Gatecache: " + ex.key() + " failed; answered from the store instead", failure);
            return false;
        }
        if (!async) {
            try {
                if (made.capture != null) {
                    made.capture.finish();
                }
            } finally {
                if (timed != null) {
                    timed.ended(ex);
                }
            }
        }
        return async;
    }

    /** Makes the capture of the forwarded request's response, and keeps it. */
    private final class Made implements Function<Capture.Target, Capture> {
        private final Exchange ex;
        private Capture capture;

        Made(Exchange ex) {
            this.ex = ex;
        }

        @Override
        public Capture apply(Capture.Target target) {
            capture = new Capture(engine, ex, target);
            return capture;
        }
    }
}
