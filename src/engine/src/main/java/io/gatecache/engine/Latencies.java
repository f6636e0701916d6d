package io.gatecache.engine;

import io.gatecache.core.CacheStatus;

/**
 * Where the engine reports how long things took, in nanoseconds: the metrics' histograms, or
 * nothing ({@link #NONE}, when metrics are off). Called on the request's thread, so an
 * implementation only records (no locks, nothing made per call for a label known in advance).
 */
public interface Latencies {

    /** Reports nothing. */
    Latencies NONE = new Latencies() {
    };

    /** A request passed on to the origin (the application, or gateway mode's origin) until its response ended. */
    default void origin(long nanos) {
    }

    /** A response of the cache's, by its status, from the request's arrival until it was written. */
    default void response(CacheStatus status, long nanos) {
    }

    /** An ESI include fetched (or failed) until its content, or its failure, was there. */
    default void esiFragment(long nanos) {
    }
}
