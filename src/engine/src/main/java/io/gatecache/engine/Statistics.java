package io.gatecache.engine;

import io.gatecache.core.CacheStatus;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters kept off the hot path's way: one LongAdder per outcome and front door, made when the
 * cache starts (nothing is made per request), read as snapshots by JMX and the metrics.
 */
public final class Statistics {

    /** Responses by front door, then status: [door.ordinal()][status.ordinal()]. */
    private final LongAdder[][] responses = new LongAdder[FrontDoor.values().length][CacheStatus.values().length];
    final LongAdder stores = new LongAdder();
    final LongAdder invalidations = new LongAdder();
    final LongAdder purges = new LongAdder();

    Statistics() {
        for (LongAdder[] door : responses) {
            for (int i = 0; i < door.length; i++) {
                door[i] = new LongAdder();
            }
        }
    }

    void record(CacheStatus status, FrontDoor door) {
        responses[door.ordinal()][status.ordinal()].increment();
    }

    /** Responses of a status, through every door. */
    public long count(CacheStatus status) {
        long sum = 0;
        for (LongAdder[] door : responses) {
            sum += door[status.ordinal()].sum();
        }
        return sum;
    }

    /** Responses of a status through one door. */
    public long count(CacheStatus status, FrontDoor door) {
        return responses[door.ordinal()][status.ordinal()].sum();
    }

    /** Answers from the store (HIT, STALE, REVALIDATED) over every cacheable lookup (those plus MISS, EXPIRED). */
    public double hitRatio() {
        long served = count(CacheStatus.HIT) + count(CacheStatus.STALE) + count(CacheStatus.REVALIDATED);
        long total = served + count(CacheStatus.MISS) + count(CacheStatus.EXPIRED);
        return total == 0 ? 0.0 : (double) served / total;
    }

    /** Responses written to the store. */
    public long stores() {
        return stores.sum();
    }

    /** Invalidations of keys (by unsafe methods, URL purges). */
    public long invalidations() {
        return invalidations.sum();
    }

    /** Purges by tag, bans and clears. */
    public long purges() {
        return purges.sum();
    }

    public void reset() {
        for (LongAdder[] door : responses) {
            for (LongAdder a : door) {
                a.reset();
            }
        }
        stores.reset();
        invalidations.reset();
        purges.reset();
    }
}
