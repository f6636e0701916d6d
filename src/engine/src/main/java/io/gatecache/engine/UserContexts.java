package io.gatecache.engine;

import io.gatecache.core.Headers;
import io.gatecache.core.context.ContextHash;
import io.gatecache.core.context.ContextRule;
import io.gatecache.spi.ContextHashes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The context-aware cache's stage, before the lookup: a request's user context hash, found by the
 * {@link ContextRule}, from the store's {@link ContextHashes} for a session or credentials, and
 * worked out by the application (through its door) at most once per key while it is held, even
 * for requests that arrive together. Also the hash lookup a proxy in front makes, the refusal of a
 * hash a client sends, and forgetting hashes (a session's end, a user's change, all of them).
 *
 * <p>A request resolved here carries a {@link Held} context: a response that varies on the hash
 * is not stored when the user's context changed while it was built (its session's id or user
 * changed, or any hash was forgotten meanwhile on this node).
 */
public final class UserContexts {

    private static final Logger LOG = Logger.getLogger(UserContexts.class.getName());

    /** What this stage reads of a request, besides what the engine reads. */
    public interface Source extends RequestView {

        /** The caller's address. */
        String remoteAddress();

        /** The id of the valid session the request names, or null. */
        String session();

        /** The authenticated user's name, or null. */
        String user();

        /** The user's context as the application's providers describe it. */
        Map<String, String> userContext();

        /** What the user's context depends on, compared before a response is stored: its session and user. */
        String contextState();
    }

    /**
     * What became of a request.
     *
     * @param hash the request's hash, or null for none
     * @param answer the cache's answer instead of the application's (the lookup, a refusal), or null
     * @param held what the request's context was, or null when it has no hash
     */
    public record Resolved(String hash, Answer answer, Held held) {
        static final Resolved NONE = new Resolved(null, null, null);
    }

    /** A request's context as it was when resolved. */
    public final class Held {
        private final long generation;
        private final Source source;
        private final String state;
        private final boolean shown;

        Held(long generation, Source source, boolean shown) {
            this.generation = generation;
            this.source = source;
            this.state = source.contextState();
            this.shown = shown;
        }

        /**
         * Whether the hash may reach the caller: a trusted proxy set it, and keeps a copy per hash
         * itself (its {@code Vary} names the field; the proxy hides it from its own clients).
         */
        public boolean shown() {
            return shown;
        }

        /** Whether nothing the request's context depends on changed since it was resolved. */
        public boolean unchanged() {
            if (forgotten.get() != generation) {
                return false;
            }
            try {
                return Objects.equals(state, source.contextState());
            } catch (RuntimeException gone) {
                return false;
            }
        }
    }

    private final Settings.UserContext settings;
    private final ContextRule rule;
    private final ContextHashes hashes;
    private final long waitMillis;
    private final ConcurrentHashMap<String, CompletableFuture<String>> working = new ConcurrentHashMap<>();
    private final LongAdder lookups = new LongAdder();
    private final AtomicLong forgotten = new AtomicLong();

    /**
     * @param contextPath the application's context path, which the lookup path is under
     * @param gateway whether the cache stands in front of an origin (whose users it does not know)
     * @param waitMillis how long a request waits for another's working out of the same hash
     */
    UserContexts(Settings.UserContext settings, ContextHashes hashes, String contextPath, boolean gateway,
            long waitMillis, io.gatecache.engine.downstream.DownstreamTags downstreamTags) {
        this.downstreamTags = downstreamTags;
        this.settings = settings;
        this.rule = new ContextRule(settings.field(), contextPath + settings.lookupPath(), gateway);
        this.hashes = hashes;
        this.waitMillis = waitMillis;
    }

    /** The hash field's name. */
    public String field() {
        return settings.field();
    }

    /** How many hashes this node's application worked out (the management view's {@code UserContextLookups}). */
    public long lookups() {
        return lookups.sum();
    }

    /** Sets the count of hashes worked out to zero. */
    public void resetLookups() {
        lookups.reset();
    }

    /**
     * Resolves a request: its hash, or the cache's answer instead.
     *
     * @param ours whether the request is one of the cache's own (an ESI fragment's, a background
     *        refresh's), whose hash field is the request's it serves
     */
    Resolved resolve(Source source, boolean ours) {
        ContextRule.Resolution r = rule.resolve(request(source, source.field("Cookie") == null ? null
                : source.session(), ours));
        String hash = switch (r.kind()) {
            case REFUSED -> null;
            case GIVEN, ANONYMOUS -> r.value();
            case KEYED -> hashFor(r.value(), source);
            case NONE -> null;
        };
        if (r.kind() == ContextRule.Kind.REFUSED) {
            return new Resolved(null, refusal(r.value()), null);
        }
        if (r.lookup()) {
            return new Resolved(null, lookupAnswer(hash, source.method().equals("HEAD")), null);
        }
        return hash == null ? Resolved.NONE : new Resolved(hash, null,
                new Held(forgotten.get(), source, r.kind() == ContextRule.Kind.GIVEN && !ours));
    }

    /**
     * The hash of a request below the web container, with no application to ask: the anonymous
     * hash, or one held for its valid session; null when the request must go into the container
     * (it has credentials, a hash field, asks for the lookup, or its session's hash is not held).
     *
     * @param session the id of the session the request names, or null; whether it is valid is
     *        not known here: a hash is held only for a session that was valid, and is forgotten
     *        when it ends (one that is not held sends the request into the container)
     */
    String below(RequestView req, String session) {
        ContextRule.Resolution r = rule.resolve(request(req, session, false));
        if (r.lookup()) {
            return null;
        }
        return switch (r.kind()) {
            case ANONYMOUS -> r.value();
            case KEYED -> r.value().startsWith("s:") ? hashes.get(r.value()) : null;
            default -> null;
        };
    }

    private ContextRule.Request request(RequestView req, String session, boolean ours) {
        String remote = req instanceof Source s ? s.remoteAddress() : null;
        String given = req.field(settings.field());
        return new ContextRule.Request(req.method(), req.path(), given, req.field("Accept"),
                req.field("Authorization"), req.field("Cookie"), session, given != null
                        && (ours || remote != null && settings.trustedProxies().trusts(remote, null, false)));
    }

    /**
     * The hash held for a key, or worked out by the application and held: once per key at a
     * time, other requests for the key waiting for it. Null when the application failed to
     * work it out (the request then has no hash).
     */
    private String hashFor(String key, Source source) {
        String hash = hashes.get(key);
        if (hash != null) {
            return hash;
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> other = working.putIfAbsent(key, mine);
        if (other != null) {
            try {
                return other.get(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException | TimeoutException e) {
                return workOut(key, source, null);
            }
        }
        try {
            return workOut(key, source, mine);
        } finally {
            working.remove(key, mine);
        }
    }

    private String workOut(String key, Source source, CompletableFuture<String> told) {
        long generation = forgotten.get();
        try {
            String hash = told == null ? null : hashes.get(key);
            if (hash == null) {
                hash = ContextHash.of(source.userContext());
                lookups.increment();
                if (forgotten.get() == generation) {
                    hashes.put(key, hash, source.user(), settings.ttlMillis());
                }
            }
            if (told != null) {
                told.complete(hash);
            }
            return hash;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Gatecache: the user context could not be worked out; the request has no"
                    + " user context hash", e);
            if (told != null) {
                told.completeExceptionally(e);
            }
            return null;
        }
    }

    /** Forgets a session's hash: it ended, or its id changed. */
    public void forgetSession(String sessionId) {
        forgotten.incrementAndGet();
        hashes.forget(ContextRule.sessionKey(sessionId));
    }

    /** Forgets every hash worked out for a user. */
    public void forgetUser(String user) {
        forgotten.incrementAndGet();
        hashes.forgetUser(user);
    }

    /** Forgets every hash. */
    public void forgetAll() {
        forgotten.incrementAndGet();
        hashes.forgetAll();
    }

    /** The tags that go to the proxy in front: the hash lookup's answer carries {@link Purger#USER_CONTEXT_TAG}. */
    private final io.gatecache.engine.downstream.DownstreamTags downstreamTags;

    /**
     * The hash lookup's answer, as FOSHttpCache's: the hash field, its type, cacheable per session
     * and credentials; tagged downstream with {@link Purger#USER_CONTEXT_TAG}, so that forgetting
     * the hashes purges the lookups a proxy in front keeps.
     */
    private Answer lookupAnswer(String hash, boolean head) {
        if (hash == null) {
            return refusal("the user context hash of this request cannot be told");
        }
        Headers fields = Headers.builder().add(settings.field(), hash)
                .add("Content-Type", ContextRule.HASH_TYPE)
                .add("Cache-Control", "max-age=" + settings.ttlMillis() / 1000)
                .add("Vary", "Cookie, Authorization").build();
        return Answers.downstream(downstreamTags, new Answer(200, Headers.EMPTY, fields, head ? null : new byte[0], 0),
                java.util.Set.of(Purger.USER_CONTEXT_TAG), settings.lookupPath());
    }

    private static Answer refusal(String why) {
        byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
        Headers fields = Headers.builder().add("Content-Type", "text/plain;charset=UTF-8")
                .add("Cache-Control", "no-store").build();
        return new Answer(400, Headers.EMPTY, fields, body, body.length);
    }
}
