package io.gatecache.spi;

import io.gatecache.core.CacheKey;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.purge.Ban;
import io.gatecache.core.purge.PurgeLedger;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;

/**
 * Where stored responses live, by primary key (see {@link CacheKey}); each key holds the variants
 * of one URI. Invalidations are recorded in the store too, so that every node sharing a store
 * sees them: a response built by a request that started before an invalidation of its key, of
 * one of its tags or of everything is never stored.
 *
 * <p>Implementations update atomically (no get-then-put race between two writers), work the same
 * on a local and on a clustered cache, and never throw: a store that fails reads as empty and
 * drops writes, so the request goes to the origin instead of failing.
 *
 * <p>Times are epoch milliseconds from the engine's clock. What the store says of itself to the
 * management view and the health check is its {@link StoreStatus}.
 */
public interface ResponseStore extends StoreStatus, AutoCloseable {

    /** The user context hashes this store keeps, shared with the nodes its responses are shared with. */
    ContextHashes contextHashes();

    /** What became of a {@link #put}. */
    enum PutOutcome {
        STORED,
        /** Refused: the key, one of the entry's tags, or everything was invalidated since the request started. */
        INVALIDATED,
        /** The store failed; nothing was stored. */
        FAILED,
        /** The store took the entry and did not keep it (it is too small for it). */
        NOT_KEPT
    }

    /**
     * The usable variants stored under a key, as the purges recorded leave them (see
     * {@link PurgeLedger#judge}): empty when none, when the store cannot answer; without the
     * variants a hard tag purge, a ban or a clear reached; stale from a soft purge that reached them.
     */
    List<StoredResponse> get(String key);

    /**
     * Stores a variant under a key, replacing the variant with the same variant key, unless the
     * key, one of the variant's tags, or everything was invalidated at or after {@code since} (the
     * instant the request that built the response started). One atomic step for the key.
     *
     * @param lifespanMillis how long the store keeps the key's entry from now
     */
    PutOutcome put(String key, StoredResponse variant, long since, long lifespanMillis);

    /**
     * Removes every variant under a key and remembers the instant, so a response begun before it
     * is not stored; whether there was a variant.
     */
    boolean invalidate(String key, long at);

    /**
     * Purges every entry stored with one of the tags, without visiting the entries: the instant is
     * recorded per tag, and entries whose request started at or before it are no longer returned
     * (hard) or are returned stale (soft).
     *
     * @return whether every record was written for every node sharing the store; false when the
     *         store failed (the purge is in force on this node; writing it again is harmless)
     */
    boolean invalidateTags(Collection<String> tags, long at, boolean soft);

    /**
     * Bans the entries a ban matches, without visiting them: it is recorded, and checked when an
     * entry older than it is read. Admitted or refused on this node ({@link PurgeLedger#admit});
     * once admitted, every node sharing the store holds it, whatever each holds already.
     *
     * @return as {@link #invalidateTags}
     * @throws io.gatecache.core.purge.TooManyBans when {@link PurgeLedger#MAX_BANS} bans are in
     *         force already (it is in force on no node)
     */
    boolean ban(Ban ban);

    /**
     * Removes everything, and refuses responses begun before {@code at}.
     *
     * @return as {@link #invalidateTags}
     */
    boolean invalidateAll(long at);

    /** A stamp that equals no other: the store cannot tell what changed ({@link #stamp}). */
    long NO_STAMP = Long.MIN_VALUE;

    /**
     * A stamp of what the store answers for a key: two stamps of a key are equal only when nothing
     * that can change its answer happened between them, on this node or on another sharing the
     * store (a write or an invalidation of the key, its eviction or expiry, a purge by tag, a ban,
     * a clear). Read it before reading the key: what is built from the key's variants (an
     * assembled ESI page) may be reused while its stamp is unchanged. It may move for nothing. A
     * store that cannot tell answers {@link #NO_STAMP}.
     */
    default long stamp(String key) {
        return NO_STAMP;
    }

    /**
     * Claims the right to fetch {@code turn} from the origin for every node sharing the store, so
     * that concurrent misses across a cluster cost one origin call. A store no other node shares
     * answers {@link Claim#LOCAL}: the node's own coalescing is all there is. A claim lapses after
     * {@code leaseMillis} even if its node never releases it (the node died, say); a store that
     * cannot answer grants the claim, so the request goes to the origin.
     *
     * @param turn what concurrent requests must share to wait for one another
     */
    default Claim claim(String turn, long leaseMillis) {
        return Claim.LOCAL;
    }

    /**
     * Whether a read is answered from this node's memory, never waiting on another node or a
     * disk: a front door on a non-blocking thread may then read it there. No, unless the store
     * says so.
     */
    default boolean readsLocally() {
        return false;
    }

    /** A claim on fetching one turn for every node sharing the store (see {@link #claim}). */
    interface Claim {

        /** No other node shares the store: this node fetches, and there is nothing to release. */
        Claim LOCAL = held(() -> {
        });

        /** A claim this node holds; {@code release} runs once, at the first {@link #release}. */
        static Claim held(Runnable release) {
            AtomicBoolean released = new AtomicBoolean();
            return new Claim() {
                @Override
                public boolean held() {
                    return true;
                }

                @Override
                public boolean await(long timeoutMillis) {
                    return true;
                }

                @Override
                public void release() {
                    if (released.compareAndSet(false, true)) {
                        release.run();
                    }
                }
            };
        }

        /** A claim another node holds; {@code await} waits for its release, at most the millis given. */
        static Claim elsewhere(LongPredicate await) {
            return new Claim() {
                @Override
                public boolean held() {
                    return false;
                }

                @Override
                public boolean await(long timeoutMillis) {
                    return await.test(timeoutMillis);
                }

                @Override
                public void release() {
                    // not this node's
                }
            };
        }

        /** Whether this node fetches: it holds the claim. Otherwise another node does. */
        boolean held();

        /**
         * For a claim another node holds, waits until that node releases it or it lapses, at most
         * {@code timeoutMillis}; whether it was released in time. Returns at once for a held claim.
         */
        boolean await(long timeoutMillis);

        /** Releases a held claim, waking the nodes that wait for it. Idempotent; nothing for one not held. */
        void release();
    }

    /** Releases what the store holds (its cache manager, say). */
    @Override
    default void close() {
    }
}
