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
    /** Purges by kind, then source: [kind.ordinal()][source.ordinal()]. */
    private final LongAdder[][] purges = new LongAdder[PurgeKind.values().length][PurgeSource.values().length];
    /** Purges the store could not record for every node sharing it. */
    final LongAdder purgesNotRecorded = new LongAdder();
    /** Requests that waited for another's origin call: the turn ended in time, or the wait ran out. */
    final LongAdder coalescedInTime = new LongAdder();
    final LongAdder coalescedTimeouts = new LongAdder();
    /** Background refreshes: done, failed (no answer, or not sent), and not started (one already running, here or on another node, or too many). */
    final LongAdder refreshesDone = new LongAdder();
    final LongAdder refreshesFailed = new LongAdder();
    final LongAdder refreshesSkipped = new LongAdder();
    /** ESI includes: answered from the store, fetched, failed (refused, or no answer). */
    final LongAdder esiFragmentsStored = new LongAdder();
    final LongAdder esiFragmentsFetched = new LongAdder();
    final LongAdder esiFragmentsFailed = new LongAdder();
    /** Claims of a turn for every node sharing the store: held here, and waited for on another node. */
    final LongAdder claimsHeld = new LongAdder();
    final LongAdder claimsWaited = new LongAdder();

    /** Where the latencies go: the metrics' histograms, once they are registered; nowhere before. */
    private volatile Latencies latencies = Latencies.NONE;

    Statistics() {
        fill(responses);
        fill(purges);
    }

    private static void fill(LongAdder[][] adders) {
        for (LongAdder[] row : adders) {
            for (int i = 0; i < row.length; i++) {
                row[i] = new LongAdder();
            }
        }
    }

    void purged(PurgeKind kind, PurgeSource source) {
        purges[kind.ordinal()][source.ordinal()].increment();
    }

    /** Purges of a kind from a source. */
    public long purges(PurgeKind kind, PurgeSource source) {
        return purges[kind.ordinal()][source.ordinal()].sum();
    }

    /** Requests that waited for another request's origin call (coalescing), within the timeout or not. */
    public long coalescedWaits() {
        return coalescedInTime.sum() + coalescedTimeouts.sum();
    }

    /** Waits for another request's origin call that ended in time (the request then looked again). */
    public long coalescedInTime() {
        return coalescedInTime.sum();
    }

    /** Waits for another request's origin call that ran out ({@code gatecache.coalescing-timeout-ms}). */
    public long coalescedTimeouts() {
        return coalescedTimeouts.sum();
    }

    /** Background refreshes that got an answer. */
    public long refreshesDone() {
        return refreshesDone.sum();
    }

    /** Background refreshes that got no answer, or could not be sent. */
    public long refreshesFailed() {
        return refreshesFailed.sum();
    }

    /** Background refreshes not started: one already running for the key (here or on another node), or too many. */
    public long refreshesSkipped() {
        return refreshesSkipped.sum();
    }

    /** ESI includes answered from the store. */
    public long esiFragmentsStored() {
        return esiFragmentsStored.sum();
    }

    /** ESI includes fetched (through this server, or from an allowed host). */
    public long esiFragmentsFetched() {
        return esiFragmentsFetched.sum();
    }

    /** ESI includes that failed: refused (a cycle, another host...), or not answered in time. */
    public long esiFragmentsFailed() {
        return esiFragmentsFailed.sum();
    }

    /** Turns claimed for every node sharing a clustered store, by this node. */
    public long claimsHeld() {
        return claimsHeld.sum();
    }

    /** Turns another node held, whose origin call this node waited for. */
    public long claimsWaited() {
        return claimsWaited.sum();
    }

    /** Purges the store could not record for every node sharing it (each refused to its caller). */
    public long purgesNotRecorded() {
        return purgesNotRecorded.sum();
    }

    /**
     * Counts a response by its status and door; a background refresh is not a response to a
     * client, and is counted among the refreshes only.
     */
    void record(Exchange ex) {
        if (!ex.refresh) {
            responses[ex.door.ordinal()][ex.status.ordinal()].increment();
        }
    }

    /** Reports latencies to {@code latencies} from now on ({@link Latencies#NONE}: to nowhere). */
    public void reportLatencies(Latencies latencies) {
        this.latencies = latencies;
    }

    /** Where latencies are reported. */
    public Latencies latencies() {
        return latencies;
    }

    /** Requests answered from the store without asking the origin: HIT and STALE. */
    public long hits() {
        return count(CacheStatus.HIT) + count(CacheStatus.STALE);
    }

    /** Cacheable requests that went to the origin: MISS, EXPIRED and REVALIDATED. */
    public long misses() {
        return count(CacheStatus.MISS) + count(CacheStatus.EXPIRED) + count(CacheStatus.REVALIDATED);
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

    /** {@link #hits} over hits and {@link #misses}; 0 before the first. */
    public double hitRatio() {
        long hits = hits();
        long total = hits + misses();
        return total == 0 ? 0.0 : (double) hits / total;
    }

    /** Responses written to the store. */
    public long stores() {
        return stores.sum();
    }

    /** Invalidations of keys (by unsafe methods, URL purges). */
    public long invalidations() {
        return invalidations.sum();
    }

    /** Purges by tag, bans and clears, from every source. */
    public long purges() {
        long sum = 0;
        for (PurgeKind kind : PurgeKind.values()) {
            for (PurgeSource source : PurgeSource.values()) {
                sum += kind == PurgeKind.URL ? 0 : purges(kind, source);
            }
        }
        return sum;
    }

    public void reset() {
        for (LongAdder[][] adders : new LongAdder[][][] {responses, purges}) {
            for (LongAdder[] row : adders) {
                for (LongAdder a : row) {
                    a.reset();
                }
            }
        }
        for (LongAdder a : new LongAdder[] {stores, invalidations, purgesNotRecorded, coalescedInTime,
                coalescedTimeouts, claimsHeld, claimsWaited, refreshesDone, refreshesFailed, refreshesSkipped,
                esiFragmentsStored, esiFragmentsFetched, esiFragmentsFailed}) {
            a.reset();
        }
    }
}
