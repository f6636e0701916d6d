package io.gatecache.infinispan;

import io.gatecache.core.StoredResponse;
import io.gatecache.core.purge.Ban;
import io.gatecache.core.purge.PurgeLedger;
import io.gatecache.spi.ClusterSecret;
import io.gatecache.spi.ResponseStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.manager.DefaultCacheManager;

/**
 * The store in an embedded Infinispan, configured by an Infinispan XML file (a classpath resource
 * or a file path): the responses, each key's variants and the instant the key was last
 * invalidated, updated atomically with marshallable {@code compute} functions. Its parts:
 * <ul>
 * <li>{@link StoreCaches}: the cache manager and the store's caches;</li>
 * <li>{@link PurgeRecords}: the purge records every node shares, mirrored in this node's
 * {@link PurgeLedger}, which judges each entry read and refuses each response purged while it was
 * built, reading no cache;</li>
 * <li>on a cluster, {@link ClusterClaims}: the claims on fetching a turn, so that concurrent misses
 * across the cluster cost one origin call; and {@link ClusterView}: the members as this node sees
 * them;</li>
 * <li>{@link StoreFailures}: every failure reads as "nothing stored" and is counted and logged, so
 * the request goes to the origin.</li>
 * </ul>
 */
public final class InfinispanResponseStore implements ResponseStore {

    private static final Logger LOG = Logger.getLogger(InfinispanResponseStore.class.getName());
    /** How long a key's invalidation is remembered against responses still being built. */
    static final long INVALIDATION_MEMORY_MILLIS = PurgeLedger.BUILD_MARGIN_MILLIS;
    /** A key no entry has, read by the health probe. */
    private static final String PROBE_KEY = "\u0000gatecache-probe";

    private final DefaultCacheManager manager;
    private final Cache<String, VariantList> cache;
    /** Whether a read is from this node's memory (see {@link #readsLocally}). */
    private final boolean readsLocally;
    /** The claims on fetching a turn, on a clustered store; null on a local one. */
    private final ClusterClaims claims;
    /** This node's view of the cluster, on a clustered store; null on a local one. */
    private final ClusterView view;
    private final Clock clock;
    private final int maxVariants;
    /** The purge records, mirrored in {@link #purges}. */
    private final PurgeRecords records;
    private final PurgeLedger purges;
    private final StoreFailures failures;
    private final ContextHashCache contextHashes;
    /** What this node writes apart from the others, on a cluster (see {@link WritesApart}); null otherwise. */
    private final WritesApart apart;
    private final StoreUsage usage;
    /** The stamps of the responses' keys, moved by {@link KeyChanges} and the ledger. */
    private final io.gatecache.spi.KeyStamps stamps;
    /** The keys read last, decoded, where every read is local; null otherwise. */
    private final DecodedCopies copies;

    private InfinispanResponseStore(StoreCaches caches, Clock clock, int maxVariants, long retentionMillis) {
        this.failures = new StoreFailures(clock);
        this.purges = new PurgeLedger(clock, retentionMillis);
        this.manager = caches.manager();
        this.cache = caches.responses();
        CacheMode mode = caches.mode();
        this.readsLocally = (!mode.isClustered() || mode.isReplicated())
                && !cache.getCacheConfiguration().persistence().usingStores();
        this.clock = clock;
        this.maxVariants = maxVariants;
        this.apart = mode.isClustered() ? new WritesApart() : null;
        this.records = new PurgeRecords(caches.invalidations(), purges, mode.isClustered(), failures, apart,
                this::tombstonesAgain);
        this.claims = mode.isClustered() ? new ClusterClaims(caches.fills(), failures) : null;
        this.view = mode.isClustered() ? new ClusterView(caches, records, failures) : null;
        this.contextHashes = new ContextHashCache(caches.contexts(), failures);
        this.usage = new StoreUsage(cache);
        this.stamps = new io.gatecache.spi.KeyStamps(purges);
        new KeyChanges(cache, stamps);
        this.copies = readsLocally ? new DecodedCopies() : null;
    }

    @Override
    public long stamp(String key) {
        return stamps.stamp(key);
    }

    @Override
    public io.gatecache.spi.ContextHashes contextHashes() {
        return contextHashes;
    }

    /**
     * Starts the cache manager from an XML file, registering the entry schema.
     *
     * @param clock the clock for how long invalidations are remembered
     */
    public static InfinispanResponseStore start(String config, String cacheName, Clock clock, int maxVariants) {
        return start(config, cacheName, clock, maxVariants, PurgeLedger.DEFAULT_RETENTION_MILLIS);
    }

    /**
     * Starts the cache manager from an XML file, registering the entry schema.
     *
     * @param clock the clock for how long invalidations are remembered
     * @param retentionMillis the longest an entry is kept (see {@link PurgeLedger}); purge records
     *        are kept as long, and the time a response may take to be built
     */
    public static InfinispanResponseStore start(String config, String cacheName, Clock clock, int maxVariants,
            long retentionMillis) {
        return start(config, cacheName, clock, maxVariants, retentionMillis, Optional.empty());
    }

    /**
     * Starts the cache manager from an XML file, registering the entry schema; on a cluster, the
     * members prove the secret they share to each other, and let in no process that cannot.
     *
     * @param clock the clock for how long invalidations are remembered
     * @param retentionMillis the longest an entry is kept (see {@link PurgeLedger}); purge records
     *        are kept as long, and the time a response may take to be built
     * @param clusterSecret the members' secret ({@code gatecache.cluster.secret}), when set; a
     *        clustered store without one starts, and says so in a warning
     */
    public static InfinispanResponseStore start(String config, String cacheName, Clock clock, int maxVariants,
            long retentionMillis, Optional<ClusterSecret> clusterSecret) {
        StoreCaches caches = StoreCaches.start(config, cacheName, clusterSecret);
        try {
            return new InfinispanResponseStore(caches, clock, maxVariants, retentionMillis);
        } catch (RuntimeException e) {
            caches.manager().stop();
            throw StoreCaches.cannotStart(config, e);
        }
    }

    @Override
    public List<StoredResponse> get(String key) {
        try {
            long changes = copies == null ? 0 : stamps.changesOf(key); // before the cache is read
            List<StoredResponse> variants = copies == null ? null : copies.get(key, changes);
            if (variants == null) {
                VariantList v = cache.get(key);
                failures.recovered();
                variants = v == null ? List.of() : v.getVariants();
                if (copies != null) {
                    copies.put(key, changes, variants);
                }
            }
            if (variants.isEmpty()) {
                return List.of();
            }
            return purges.judge(key, variants);
        } catch (RuntimeException e) {
            failures.failed("read " + key, e);
            return List.of();
        }
    }

    @Override
    public PutOutcome put(String key, StoredResponse variant, long since, long lifespanMillis) {
        try {
            if (purges.refuses(key, variant, since)) {
                return PutOutcome.INVALIDATED;
            }
            StoreFunctions.PutVariant put = new StoreFunctions.PutVariant(variant, since, maxVariants);
            VariantList after = cache.compute(key, put, lifespanMillis, TimeUnit.MILLISECONDS);
            failures.recovered();
            if (after.getInvalidatedAt() != VariantList.NEVER) {
                // compute gave the key the new entry's lifespan: the invalidation it remembers is
                // kept as long as it must be, whatever that lifespan
                long remembered = after.getInvalidatedAt() + INVALIDATION_MEMORY_MILLIS - clock.millis();
                if (remembered > lifespanMillis) {
                    cache.computeIfPresent(key, new StoreFunctions.Keep(), remembered, TimeUnit.MILLISECONDS);
                }
            }
            if (put.refusedBy(after)) {
                return PutOutcome.INVALIDATED;
            }
            if (purges.refuses(key, variant, since)) {
                // a tag, a ban or everything was purged while this was written: the purge wins
                cache.computeIfPresent(key, new StoreFunctions.RemoveVariant(variant.requestTime(),
                        variant.responseTime()), lifespanMillis, TimeUnit.MILLISECONDS);
                return PutOutcome.INVALIDATED;
            }
            if (!cache.containsKey(key)) {
                // taken and evicted at once: a store too small for the entry keeps nothing
                return PutOutcome.NOT_KEPT;
            }
            return PutOutcome.STORED;
        } catch (RuntimeException e) {
            failures.failed("write " + key, e);
            return PutOutcome.FAILED;
        }
    }

    @Override
    public boolean invalidate(String key, long at) {
        if (apart != null) {
            apart.tombstone(key, at, INVALIDATION_MEMORY_MILLIS);
        }
        try {
            VariantList before = cache.get(key);
            cache.compute(key, new StoreFunctions.Tombstone(at), INVALIDATION_MEMORY_MILLIS, TimeUnit.MILLISECONDS);
            return before != null && !before.getVariants().isEmpty();
        } catch (RuntimeException e) {
            failures.failed("invalidate " + key, e);
            return false;
        }
    }

    /** Writes again the URL tombstones this node wrote apart from the others (see {@link WritesApart}). */
    private void tombstonesAgain(Map<String, WritesApart.Write> tombstones) {
        tombstones.forEach((key, w) -> {
            try {
                cache.compute(key, new StoreFunctions.Tombstone(w.at()), w.lifespanMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                failures.failed("invalidate " + key + " again", e);
                apart.notWrittenAgain(true, key, w);
            }
        });
    }

    /** In force on this node first, then recorded for every node (see {@link PurgeRecords#tagsPurged}). */
    @Override
    public boolean invalidateTags(Collection<String> tags, long at, boolean soft) {
        return records.tagsPurged(tags, at, soft);
    }

    @Override
    public boolean ban(Ban ban) {
        return records.banned(ban);
    }

    @Override
    public boolean invalidateAll(long at) {
        boolean recorded = records.cleared(at);
        try {
            cache.clear();
        } catch (RuntimeException e) {
            failures.failed("clear", e);
            // the record refuses and hides what is left
        }
        return recorded;
    }

    /**
     * Claims a turn for every node (see {@link ClusterClaims}) on a clustered store; on a local one,
     * this node's own coalescing is all there is.
     */
    @Override
    public Claim claim(String turn, long leaseMillis) {
        return claims == null ? Claim.LOCAL : claims.claim(turn, leaseMillis);
    }

    /**
     * A local or replicated cache without a persistent store holds every entry in this node's
     * memory; a distributed one, or one that may read a store, may wait.
     */
    @Override
    public boolean readsLocally() {
        return readsLocally;
    }

    /** The nodes sharing the store, as this node's cache manager sees them (see {@link ClusterView}). */
    @Override
    public Membership membership() {
        return view == null ? ResponseStore.super.membership() : view.membership();
    }

    @Override
    public long size() {
        try {
            return cache.size();
        } catch (RuntimeException e) {
            failures.failed("size", e);
            return 0;
        }
    }

    @Override
    public long bytes() {
        try {
            return usage.bytes();
        } catch (RuntimeException e) {
            failures.failed("count its bytes", e);
            return -1;
        }
    }

    @Override
    public long evictions() {
        return usage.evictions();
    }

    @Override
    public long failures() {
        return failures.count();
    }

    /** Asks the store (one cheap read), so a store that recovered says so without waiting for traffic. */
    @Override
    public boolean healthy() {
        try {
            cache.containsKey(PROBE_KEY);
            failures.recovered();
            return true;
        } catch (RuntimeException e) {
            failures.failed("answer a health probe", e);
            return false;
        }
    }

    /** The cache manager (for tests that reach into its cluster). */
    DefaultCacheManager manager() {
        return manager;
    }

    /** Stops the cache manager. */
    @Override
    public void close() {
        if (copies != null) {
            copies.clear();
        }
        try {
            manager.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Gatecache store stop", e);
        }
    }
}
