package io.gatecache.spi;

/**
 * The user context hashes a store keeps (see {@link io.gatecache.core.context.ContextRule}): the
 * hash worked out for a session or for credentials, shared by every node of a clustered store,
 * each kept for the lifespan it was put with. Like the rest of a {@link ResponseStore}, it never
 * throws: a failure reads as nothing held, and a change that fails is logged.
 */
public interface ContextHashes {

    /** The most hashes a store keeps: past it, some are forgotten (and worked out again when needed). */
    int MAX_ENTRIES = 100_000;

    /** The hash held for a key, or null. */
    String get(String key);

    /**
     * Holds a hash for a key.
     *
     * @param user the user it was worked out for, to forget by ({@link #forgetUser}), or null
     */
    void put(String key, String hash, String user, long lifespanMillis);

    /** Forgets the hash of a key. */
    void forget(String key);

    /** Forgets every hash worked out for a user. */
    void forgetUser(String user);

    /** Forgets every hash. */
    void forgetAll();
}
