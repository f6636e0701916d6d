package io.gatecache.engine;

import io.gatecache.core.HeaderRules;
import io.gatecache.core.context.SessionCookie;
import io.gatecache.spi.ResponseStore;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cache's door below the web container, for every server: a request the store answers fresh
 * (a hit, a 304, a HEAD, a single range) is answered here, from the stored bytes, with the same
 * engine and policy as the servlet front door; anything else, and any request this door fails
 * on before its answer has begun, goes on into the container untouched. A server's adapter (the
 * Undertow handler, the Payara valve) reads the request and writes the answer through
 * {@link Request} and {@link Response}, and does nothing else of its own.
 *
 * <p>Two rules decide which requests it serves. None of an application with security
 * constraints (as the adapter reads its container): the container may refuse any of them. And,
 * for every application, a request has the user context hash the servlet front door would give
 * it, without asking the application: a request with neither credentials nor a session cookie
 * is anonymous (so an application that authenticates requests itself, through a Jakarta
 * Authentication mechanism, would see no user in it either); a request naming a session has the
 * hash held for that session, which is held only while the session is valid (forgotten when it
 * ends or changes its id); anything else (credentials, a session whose hash is not held, a hash
 * field, the hash lookup) goes into the container. The store is read with the application's
 * class loader, whichever thread the server runs the adapter on.
 */
public final class BelowContainer {

    private static final Logger LOG = Logger.getLogger(BelowContainer.class.getName());

    /** What the door reads of a request: what the engine reads, and what its eligibility looks at. */
    public interface Request extends RequestView {

        /** The request target as sent: a path (origin form), or a whole URL (absolute form). */
        String target();

        /** How many Host fields the request has. */
        int hosts();
    }

    /** Where the door writes its answer. */
    public interface Response {
        /** Writes the status, the fields and the body. */
        void write(Answer answer) throws IOException;

        /** Whether the answer has begun to reach the client. */
        boolean committed();

        /** Takes back whatever was set and not yet sent, for the container to answer. */
        void reset();
    }

    private final CacheEngine engine;
    private final ResponseStore store;
    private final ClassLoader loader;
    private final String application;
    private final String sessionCookie;
    private final FrontDoor kind;
    private final AtomicBoolean exclusionTold = new AtomicBoolean();

    /**
     * @param loader the application's class loader, which the store reads with
     * @param application the application's name in what is logged (its context path)
     * @param sessionCookie the name of the application's session cookie
     * @param kind which door this is (the Undertow handler, Payara's valve), as counted
     */
    public BelowContainer(CacheEngine engine, ResponseStore store, ClassLoader loader, String application,
            String sessionCookie, FrontDoor kind) {
        this.kind = kind;
        this.engine = engine;
        this.store = store;
        this.loader = loader;
        this.application = application;
        this.sessionCookie = sessionCookie;
    }

    /**
     * Whether a store read may wait on another node: an adapter on a server's I/O thread hands the
     * request to a worker first.
     */
    public boolean readsLocally() {
        return store.readsLocally();
    }

    /**
     * Whether a request may be looked up here at all: a GET or HEAD in origin form, with at most
     * one Host, no body framing (but a lone {@code Content-Length: 0}) and no field its Connection field takes out (what the servlet
     * front door's framing check would look at goes to it), that is no request of the cache's own
     * (an ESI fragment, a background refresh), with the cache and its fast path on and no
     * debugging.
     */
    public boolean eligible(Request req) {
        Settings settings = engine.settings();
        String method = req.method();
        return (method.equals("GET") || method.equals("HEAD")) && settings.enabled() && settings.fastPath()
                && !settings.debug() && req.target().startsWith("/") && req.hosts() <= 1
                && req.field(EsiAssembler.FRAGMENT_FIELD) == null && req.field(OriginClient.REFRESH_TOKEN) == null
                && req.field("Transfer-Encoding") == null && emptyOrNone(req.field("Content-Length"))
                && !removesFields(req.field("Connection"));
    }

    /** A Content-Length that frames no body: none, or one {@code 0} (as Java's HTTP client sends on a GET). */
    private static boolean emptyOrNone(String contentLength) {
        return contentLength == null || contentLength.equals("0");
    }

    /** Whether a Connection field takes fields out of the request: the servlet front door does that. */
    private static boolean removesFields(String connection) {
        return connection != null && !HeaderRules.removedFromRequest(java.util.List.of(connection)).isEmpty();
    }

    /**
     * Answers the request when the store answers it fresh; true when it was answered here
     * (written, or the client went away meanwhile), false when it goes on into the container,
     * with nothing written.
     *
     * @param constrained whether the container has security constraints for the application
     */
    public boolean answer(Request req, Response res, boolean constrained) {
        if (!eligible(req) || excluded(constrained)) {
            return false;
        }
        Latencies latencies = engine.statistics().latencies();
        long arrived = latencies.start();
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            String cookies = req.field("Cookie");
            if (cookies != null && SessionCookie.named(cookies, sessionCookie)
                    && SessionCookie.value(cookies, sessionCookie) == null) {
                return false;
            }
            String hash = engine.userContexts().below(req, SessionCookie.value(cookies, sessionCookie));
            if (hash == null) {
                return false;
            }
            String field = engine.userContexts().field();
            Exchange ex = engine.begin(req.method(), req.origin(), req.localPort(), req.path(), req.query(),
                    name -> name.equalsIgnoreCase(field) ? hash : req.field(name));
            ex.door = kind;
            Answer answer = engine.fresh(ex);
            if (answer == null) {
                return false;
            }
            try {
                res.write(answer);
            } finally {
                // counted when it was decided: timed however its writing ends
                latencies.responded(ex.status, arrived);
            }
            return true;
        } catch (IOException clientGone) {
            LOG.log(Level.FINE, "Gatecache: a hit could not be written", clientGone);
            return true;
        } catch (RuntimeException | LinkageError e) {
            // the store closed under a request while the application stops, say: the container
            // answers it, unless the answer has begun
            LOG.log(Level.WARNING, "Gatecache: the fast path failed; the request goes on into the container", e);
            if (res.committed()) {
                return true;
            }
            res.reset();
            return false;
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    /** Whether the container may refuse any of the application's requests, which then all go into it: said once. */
    private boolean excluded(boolean constrained) {
        if (constrained && exclusionTold.compareAndSet(false, true)) {
            LOG.info(() -> "Gatecache: '" + application + "' has security constraints: every request goes into"
                    + " the web container (no fast path)");
        }
        return constrained;
    }
}
