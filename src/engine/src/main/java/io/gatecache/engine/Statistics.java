package io.gatecache.engine;

import io.gatecache.core.CacheStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters kept off the hot path's way: one LongAdder per outcome, read as snapshots. */
public final class Statistics {

    private final Map<CacheStatus, LongAdder> byStatus = new EnumMap<>(CacheStatus.class);
    final LongAdder stores = new LongAdder();
    final LongAdder invalidations = new LongAdder();
    final LongAdder purges = new LongAdder();

    Statistics() {
        for (CacheStatus s : CacheStatus.values()) {
            byStatus.put(s, new LongAdder());
        }
    }

    void record(CacheStatus status) {
        byStatus.get(status).increment();
    }

    public long count(CacheStatus status) {
        return byStatus.get(status).sum();
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
        byStatus.values().forEach(LongAdder::reset);
        stores.reset();
        invalidations.reset();
        purges.reset();
    }
}
