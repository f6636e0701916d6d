package io.gatecache.jakarta;

import java.util.Map;

/**
 * Management of one application's cache, registered as
 * {@code io.gatecache:type=Cache,context=<context path>} in the platform MBeanServer.
 */
public interface GatecacheMXBean {

    /** Fresh answers from the store. */
    long getHits();

    /** Requests the store had nothing for, answered by the origin. */
    long getMisses();

    /** Expired entries replaced by a full response from the origin. */
    long getExpired();

    /** Stale answers from the store (stale-while-revalidate, stale-if-error, max-stale). */
    long getStaleServed();

    /** Stale entries validated by the origin with a 304. */
    long getRevalidations();

    /** Responses the headers kept out of the store (BYPASS). */
    long getBypasses();

    /** Responses nothing asked to cache (DYNAMIC). */
    long getDynamic();

    /** Responses written to the store. */
    long getStores();

    /** Keys invalidated (unsafe methods, purges, clears). */
    long getInvalidations();

    /** (hits + stale + revalidated) / (those + misses + expired); 0 before any lookup. */
    double getHitRatio();

    /** Requests waiting, now, for another request with the same key to come back from the origin. */
    int getWaiting();

    /** Keys in the store. */
    long getEntries();

    /** The effective configuration. */
    Map<String, String> getConfiguration();

    /**
     * Purges a URL: an absolute URL removes that key; a path (with query) removes it under every
     * host name the cache has served. Returns the number of keys removed.
     */
    int purgeUrl(String url);

    /** Removes every entry. */
    void clear();

    /** Sets every counter to zero. */
    void resetStatistics();
}
