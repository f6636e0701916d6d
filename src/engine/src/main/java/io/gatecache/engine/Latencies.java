package io.gatecache.engine;

import io.gatecache.core.CacheStatus;

/**
 * Where the engine reports how long things took, in nanoseconds: the metrics' histograms, or
 * nothing ({@link #NONE}, when metrics are off). Called on the request's thread, so an
 * implementation only records (no locks, nothing made per call for a label known in advance).
 */
public interface Latencies {

    /** Reports nothing, and reads no clock. */
    Latencies NONE = new Latencies() {
        @Override
        public long start() {
            return 0;
        }

        @Override
        public void responded(CacheStatus status, long started) {
        }
    };

    /** The instant a timing starts ({@code System.nanoTime()}); {@link #NONE} reads no clock. */
    default long start() {
        return System.nanoTime();
    }

    /** Reports a response of the cache's, by its status, timed from {@code started} (a {@link #start}) until now. */
    default void responded(CacheStatus status, long started) {
        response(status, System.nanoTime() - started);
    }

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
