package io.gatecache.core;

import java.util.List;

/**
 * Where stored responses live, by primary key (see {@link CacheKey}); each key holds the variants
 * of one URI. Implementations update atomically (no get-then-put race between two writers) and
 * never throw: a store that fails reads as empty and drops writes, so the request goes to the
 * origin instead of failing.
 */
public interface ResponseStore {

    /** The variants stored under a key; empty when none or when the store cannot answer. */
    List<StoredResponse> get(String key);

    /**
     * Stores a variant under a key, replacing the variant with the same variant key.
     *
     * @param lifespanMillis how long the store keeps the key's entry from now
     */
    void put(String key, StoredResponse variant, long lifespanMillis);

    /** Removes every variant under a key; whether there was one. */
    boolean remove(String key);

    /** Removes everything. */
    void clear();

    /** The number of keys stored (an estimate for a clustered store). */
    long size();
}
