package io.gatecache.infinispan;

import io.gatecache.core.purge.Ban;
import io.gatecache.core.purge.PurgeLedger;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.distribution.DistributionManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.TopologyChanged;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachelistener.event.TopologyChangedEvent;

/**
 * The purge records in the invalidations cache, shared by every node, and their mirror in this
 * node's {@link PurgeLedger}, so that judging an entry's tags on a hit reads no cache. A record is
 * the instant of the last hard or soft purge of a tag, of a ban, or of the last clear; the latest
 * instant wins (on a write, and in a partition merge, see {@link LatestInvalidationWins}), and a
 * record expires once every entry it could judge has (a clear's never does).
 *
 * <p>The ledger is read in full at start, kept current by a listener, whichever node wrote the
 * records, and on a cluster read again after every change of the cache's topology, so the records
 * a partition merge brings are applied whether or not the merge told the listener.
 */
final class PurgeRecords {

    private static final Logger LOG = Logger.getLogger(InfinispanResponseStore.class.getName());
    private static final String ALL = "*";
    private static final String HARD = "tag:";
    private static final String SOFT = "soft:";
    private static final String BAN = "ban:";

    private final Cache<String, Long> invalidations;
    private final PurgeLedger ledger;
    private final StoreFailures failures;
    /** The topology of the invalidations cache the ledger was last read in full at. */
    private final AtomicInteger readAt = new AtomicInteger(-1);
    /** What this node wrote apart from the others, written again when they meet (see {@link WritesApart}). */
    private final WritesApart apart;
    /** Writes the URL tombstones this node wrote apart again, in the responses cache. */
    private final Consumer<Map<String, WritesApart.Write>> tombstonesAgain;

    /**
     * Mirrors the records from now on, then reads those there are.
     *
     * @param apart what this node writes apart from the others (null on a local cache)
     * @param tombstonesAgain writes again the URL tombstones written apart
     */
    PurgeRecords(Cache<String, Long> invalidations, PurgeLedger ledger, boolean clustered, StoreFailures failures,
            WritesApart apart, Consumer<Map<String, WritesApart.Write>> tombstonesAgain) {
        this.invalidations = invalidations;
        this.ledger = ledger;
        this.failures = failures;
        this.apart = apart;
        this.tombstonesAgain = tombstonesAgain;
        invalidations.addListener(new Mirror());
        if (clustered) {
            invalidations.addListener(new Merges());
        }
        // the ledger is read in full at the topology it starts in; Merges reads it again after each change
        DistributionManager distribution = invalidations.getAdvancedCache().getDistributionManager();
        int topology = distribution == null ? 0 : distribution.getCacheTopology().getTopologyId();
        readAll();
        readAt.accumulateAndGet(topology, Math::max);
    }

    /**
     * Purges tags in this node's ledger first, so it holds here whatever the store does, then
     * writes one record per tag for every node, each write tried whatever became of the others;
     * whether every record was written.
     */
    boolean tagsPurged(Collection<String> tags, long at, boolean soft) {
        ledger.tagsPurged(tags, at, soft);
        ledger.forgetOld();
        boolean recorded = true;
        long lifespan = ledger.recordLifespanMillis();
        for (String tag : tags) {
            recorded &= write((soft ? SOFT : HARD) + tag, at, lifespan, "purge tag " + tag);
        }
        return recorded;
    }

    /**
     * Admits a ban in this node's ledger (see {@link PurgeLedger#admit}), then writes its record;
     * whether it was written.
     */
    boolean banned(Ban ban) {
        ledger.admit(ban);
        ledger.forgetOld();
        return write(BAN + ban.encode(), ban.at(), ledger.recordLifespanMillis(), "ban " + ban.describe());
    }

    /** Clears in this node's ledger, then writes the record, kept for good; whether it was written. */
    boolean cleared(long at) {
        ledger.cleared(at);
        return write(ALL, at, -1, "clear");
    }

    /**
     * Whether the ledger was read again after the invalidations cache's last topology change (see
     * {@link Merges}): always on a local cache.
     */
    boolean caughtUp() {
        DistributionManager distribution = invalidations.getAdvancedCache().getDistributionManager();
        return distribution == null || readAt.get() >= distribution.getCacheTopology().getTopologyId();
    }

    /** Writes a record (the latest instant wins) for every node; whether it was written. */
    private boolean write(String key, long at, long lifespanMillis, String what) {
        if (apart != null) {
            apart.record(key, at, lifespanMillis);
        }
        return writeOnly(key, at, lifespanMillis, what);
    }

    /** Writes a record, not kept as written apart (it is being written again); whether it was written. */
    private boolean writeOnly(String key, long at, long lifespanMillis, String what) {
        try {
            invalidations.compute(key, new StoreFunctions.Latest(at), lifespanMillis, TimeUnit.MILLISECONDS);
            failures.recovered();
            return true;
        } catch (RuntimeException e) {
            failures.failed(what, e);
            return false;
        }
    }

    /** Writes again what this node wrote apart, now that the view has grown. */
    private void writeAgain(WritesApart.Again again) {
        if (again.isEmpty()) {
            return;
        }
        LOG.info(() -> "Gatecache: members came into the cluster's view; writing again for every node what this node wrote apart: "
                + again.records().size() + " purge records, " + again.tombstones().size() + " URL purges"
                + (again.clearAt() == Long.MIN_VALUE ? "" : ", and a clear in place of more"));
        if (again.clearAt() != Long.MIN_VALUE && !writeOnly(ALL, again.clearAt(), -1, "clear in place of what was written apart")) {
            apart.notWrittenAgain(false, ALL, new WritesApart.Write(again.clearAt(), -1));
        }
        again.records().forEach((key, w) -> {
            if (!writeOnly(key, w.at(), w.lifespanMillis(), "write again " + key)) {
                apart.notWrittenAgain(false, key, w);
            }
        });
        tombstonesAgain.accept(again.tombstones());
    }

    /** Applies every record to the ledger (each record only ever moves it forward). */
    private void readAll() {
        for (Map.Entry<String, Long> e : invalidations.entrySet()) {
            apply(e.getKey(), e.getValue());
        }
    }

    /** Applies one record to the ledger. */
    private void apply(String key, long at) {
        if (key.equals(ALL)) {
            ledger.cleared(at);
        } else if (key.startsWith(HARD)) {
            ledger.tagsPurged(List.of(key.substring(HARD.length())), at, false);
        } else if (key.startsWith(SOFT)) {
            ledger.tagsPurged(List.of(key.substring(SOFT.length())), at, true);
        } else if (key.startsWith(BAN)) {
            try {
                ledger.banned(Ban.decode(key.substring(BAN.length()), at));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Gatecache: ignoring a ban record that cannot be read: " + key, e);
            }
        }
    }

    /** Keeps the ledger in step with the invalidations cache, whichever node wrote them. */
    @Listener
    public final class Mirror {
        @CacheEntryCreated
        @CacheEntryModified
        public void written(CacheEntryEvent<String, Long> event) {
            if (!event.isPre() && event.getValue() != null) {
                apply(event.getKey(), event.getValue());
                ledger.forgetOld();
            }
        }
    }

    /**
     * Reads the ledger again once the cluster's topology changed: after a partition merge, the
     * records the other side wrote meanwhile (merged "latest wins", see
     * {@link LatestInvalidationWins}) are applied here, whether or not the merge told the Mirror.
     * First, when the view grew, writes again what this node wrote apart ({@link WritesApart}),
     * so that the ledger is read in full, and the node counts as settled, only once they are in.
     * Asynchronous, off Infinispan's topology threads.
     */
    @Listener(sync = false)
    public final class Merges {
        @TopologyChanged
        public void changed(TopologyChangedEvent<String, Long> event) {
            if (!event.isPre()) {
                try {
                    Set<String> members = new HashSet<>();
                    event.getWriteConsistentHashAtEnd().getMembers().forEach(m -> members.add(String.valueOf(m)));
                    writeAgain(apart.viewOf(members));
                    readAll();
                    readAt.accumulateAndGet(event.getNewTopologyId(), Math::max);
                } catch (RuntimeException e) {
                    failures.failed("read the purge records after a topology change", e);
                }
            }
        }
    }
}
