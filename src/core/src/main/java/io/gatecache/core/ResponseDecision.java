package io.gatecache.core;

/**
 * What the cache does with the origin's response to a request it forwarded: the decision of
 * {@link ResponsePolicy}, acted on by the engine. Exactly one of four:
 * <ul>
 * <li>{@link Serve}: answer from the store instead (a 304 confirmed the entry, a HEAD freshened
 * it, or the origin failed within stale-if-error);</li>
 * <li>{@link Store}: send the origin's response and store it once its body is complete;</li>
 * <li>{@link Pass}: send the origin's response without storing it, maybe invalidating;</li>
 * <li>{@link GatewayTimeout}: the origin could not be reached and the stored response may not be
 * served stale (RFC 9111 §5.2.2.2): answer 504.</li>
 * </ul>
 */
public sealed interface ResponseDecision {

    /** Why. */
    Reason reason();

    /** The reason in the words of the trace and the Cache-Status detail. */
    String detail();

    /** What happens to what is stored under the request's key, besides a new entry. */
    enum Invalidation {
        NONE,
        /** The key's variants are removed. */
        KEY,
        /** The key, and the same-origin Location and Content-Location of the response (RFC 9111 §4.4). */
        KEY_AND_LOCATIONS
    }

    /**
     * Answer {@code entry} from the store.
     *
     * @param status REVALIDATED or STALE
     * @param entry the stored response to answer with (freshened when the origin confirmed it)
     * @param store whether {@code entry} is to be stored again (a freshened entry still storable)
     * @param invalidation what to drop first (a freshened entry no longer storable: its key)
     */
    record Serve(CacheStatus status, StoredResponse entry, boolean store, Invalidation invalidation, Reason reason,
            String detail) implements ResponseDecision {
    }

    /**
     * Send the origin's response and store it once complete.
     *
     * @param status MISS or EXPIRED
     * @param cacheTtl seconds a cache rule keeps the entry fresh whatever its headers say, or -1
     * @param targeted the response's targeted fields as read for the decision
     */
    record Store(CacheStatus status, long cacheTtl, CacheOptions.Targeted targeted, Reason reason, String detail)
            implements ResponseDecision {
    }

    /**
     * Send the origin's response; do not store it.
     *
     * @param status DYNAMIC or BYPASS (what the status header says)
     * @param update a freshened stored entry to store even so (a HEAD that set a cookie), or null
     * @param invalidation what to drop
     * @param defaultCacheControl a Cache-Control to give the response, or null
     */
    record Pass(CacheStatus status, StoredResponse update, Invalidation invalidation, String defaultCacheControl,
            Reason reason, String detail) implements ResponseDecision {
    }

    /** Answer 504 instead of the gateway's own error (RFC 9111 §5.2.2.2); the entry stays. */
    record GatewayTimeout(Reason reason, String detail) implements ResponseDecision {
    }
}
