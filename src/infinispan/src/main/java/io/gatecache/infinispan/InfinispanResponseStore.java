package io.gatecache.infinispan;

import io.gatecache.core.StoredResponse;
import io.gatecache.spi.ResponseStore;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.parsing.ParserRegistry;
import org.infinispan.manager.DefaultCacheManager;

/**
 * The store in an embedded Infinispan, configured by an Infinispan XML file (a classpath resource
 * or a file path). Two caches:
 * <ul>
 * <li>the responses ({@code gatecache.store.cache}): each key's variants, and the instant the key
 * was last invalidated, updated atomically with marshallable {@code compute} functions;</li>
 * <li>the invalidations ({@code <cache>-invalidations}): the instant each tag, and everything,
 * was last invalidated. Defined by the XML or, when it is not, made here with the responses
 * cache's clustering (replicated when that is distributed), never evicted.</li>
 * </ul>
 * Every failure reads as "nothing stored" and is logged, so the request goes to the origin.
 */
public final class InfinispanResponseStore implements ResponseStore {

    private static final Logger LOG = Logger.getLogger(InfinispanResponseStore.class.getName());
    /** How long a key's invalidation is remembered against responses still being built. */
    static final long INVALIDATION_MEMORY_MILLIS = 600_000;
    private static final String ALL = "*";
    private static final String TAG = "tag:";

    private final DefaultCacheManager manager;
    private final Cache<String, VariantList> cache;
    private final Cache<String, Long> invalidations;
    private final Clock clock;
    private final int maxVariants;
    /** How often a store that keeps failing is reported, at most. */
    static final long REPORT_INTERVAL_MILLIS = 60_000;

    private final LongAdder failures = new LongAdder();
    private volatile boolean failing;
    private long unreported;
    private long lastReport = Long.MIN_VALUE;
    /** A key no entry has, read by the health probe. */
    private static final String PROBE_KEY = "\u0000gatecache-probe";

    private InfinispanResponseStore(DefaultCacheManager manager, Cache<String, VariantList> cache,
            Cache<String, Long> invalidations, Clock clock, int maxVariants) {
        this.manager = manager;
        this.cache = cache;
        this.invalidations = invalidations;
        this.clock = clock;
        this.maxVariants = maxVariants;
    }

    /**
     * Starts the cache manager from an XML file, registering the entry schema.
     *
     * @param clock the clock for how long invalidations are remembered
     */
    public static InfinispanResponseStore start(String config, String cacheName, Clock clock, int maxVariants) {
        ClassLoader loader = InfinispanResponseStore.class.getClassLoader();
        URL url = resolve(config, loader);
        DefaultCacheManager manager = null;
        try {
            ConfigurationBuilderHolder holder = new ParserRegistry(loader).parse(url);
            holder.getGlobalConfigurationBuilder().classLoader(loader).serialization()
                    .addContextInitializer(new GatecacheSchemaImpl());
            manager = new DefaultCacheManager(holder, true);
            Cache<String, VariantList> cache = manager.getCache(cacheName, false);
            if (cache == null) {
                throw new IllegalStateException("Gatecache: the store configuration " + config
                        + " defines no cache named '" + cacheName + "' (gatecache.store.cache)");
            }
            String invalidationsName = cacheName + "-invalidations";
            if (manager.getCacheConfiguration(invalidationsName) == null) {
                manager.defineConfiguration(invalidationsName, invalidationsConfiguration(cache));
            }
            Cache<String, Long> invalidations = manager.getCache(invalidationsName);
            return new InfinispanResponseStore(manager, cache, invalidations, clock, maxVariants);
        } catch (IOException | RuntimeException e) {
            if (manager != null) {
                manager.stop();
            }
            throw new IllegalStateException("Gatecache: cannot start the store from " + config + ": " + e.getMessage(),
                    e);
        }
    }

    /** Invalidation records live as long as the responses cache, on every node, never evicted. */
    private static Configuration invalidationsConfiguration(Cache<?, ?> responses) {
        CacheMode mode = responses.getCacheConfiguration().clustering().cacheMode();
        ConfigurationBuilder b = new ConfigurationBuilder();
        if (mode.isClustered()) {
            b.clustering().cacheMode(mode.isSynchronous() ? CacheMode.REPL_SYNC : CacheMode.REPL_ASYNC);
        }
        return b.build();
    }

    private static URL resolve(String config, ClassLoader loader) {
        try {
            Path file = Path.of(config);
            if (Files.isRegularFile(file)) {
                return file.toUri().toURL();
            }
        } catch (IOException | RuntimeException ignored) {
            // not a file path: try the classpath
        }
        URL url = loader.getResource(config);
        if (url == null) {
            throw new IllegalStateException("Gatecache: store configuration '" + config
                    + "' is neither a file nor a classpath resource (gatecache.store.config)");
        }
        return url;
    }

    @Override
    public List<StoredResponse> get(String key) {
        try {
            VariantList v = cache.get(key);
            recovered();
            if (v == null || v.getVariants().isEmpty()) {
                return List.of();
            }
            List<StoredResponse> variants = v.getVariants();
            for (StoredResponse r : variants) {
                if (!r.tags().isEmpty()) {
                    return variants.stream().filter(x -> !tagInvalidatedSince(x, x.requestTime())).toList();
                }
            }
            return variants;
        } catch (RuntimeException e) {
            failed("read " + key, e);
            return List.of();
        }
    }

    @Override
    public PutOutcome put(String key, StoredResponse variant, long since, long lifespanMillis) {
        try {
            if (invalidatedSince(variant, since)) {
                return PutOutcome.INVALIDATED;
            }
            StoreFunctions.PutVariant put = new StoreFunctions.PutVariant(variant, since, maxVariants);
            VariantList after = cache.compute(key, put, lifespanMillis, TimeUnit.MILLISECONDS);
            recovered();
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
            if (invalidatedSince(variant, since)) {
                // a tag or everything was invalidated while this was written: the invalidation wins
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
            failed("write " + key, e);
            return PutOutcome.FAILED;
        }
    }

    /** Whether everything, or one of the variant's tags, was invalidated at or after {@code since}. */
    private boolean invalidatedSince(StoredResponse variant, long since) {
        Long all = invalidations.get(ALL);
        return (all != null && all >= since) || tagInvalidatedSince(variant, since);
    }

    private boolean tagInvalidatedSince(StoredResponse variant, long since) {
        for (String tag : variant.tags()) {
            Long at = invalidations.get(TAG + tag);
            if (at != null && at >= since) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean invalidate(String key, long at) {
        try {
            VariantList before = cache.get(key);
            cache.compute(key, new StoreFunctions.Tombstone(at), INVALIDATION_MEMORY_MILLIS, TimeUnit.MILLISECONDS);
            return before != null && !before.getVariants().isEmpty();
        } catch (RuntimeException e) {
            failed("invalidate " + key, e);
            return false;
        }
    }

    @Override
    public void invalidateTags(Collection<String> tags, long at) {
        try {
            for (String tag : tags) {
                invalidations.compute(TAG + tag, new StoreFunctions.Latest(at));
            }
        } catch (RuntimeException e) {
            failed("invalidate tags " + tags, e);
        }
    }

    @Override
    public void invalidateAll(long at) {
        try {
            invalidations.compute(ALL, new StoreFunctions.Latest(at));
            cache.clear();
        } catch (RuntimeException e) {
            failed("clear", e);
        }
    }

    @Override
    public long size() {
        try {
            return cache.size();
        } catch (RuntimeException e) {
            failed("size", e);
            return 0;
        }
    }

    @Override
    public long failures() {
        return failures.sum();
    }

    /** Asks the store (one cheap read), so a store that recovered says so without waiting for traffic. */
    @Override
    public boolean healthy() {
        try {
            cache.containsKey(PROBE_KEY);
            recovered();
            return true;
        } catch (RuntimeException e) {
            failed("answer a health probe", e);
            return false;
        }
    }

    /**
     * Counts a failure, read as "nothing stored". It is logged with its cause at most once a
     * minute, and in between counted: the next report says how many there were, whether or not
     * the store answered meanwhile.
     */
    private void failed(String what, RuntimeException e) {
        failures.increment();
        failing = true;
        long now = clock.millis();
        long count;
        synchronized (this) {
            if (lastReport != Long.MIN_VALUE && now - lastReport < REPORT_INTERVAL_MILLIS) {
                unreported++;
                count = -1;
            } else {
                count = unreported;
                unreported = 0;
                lastReport = now;
            }
        }
        if (count < 0) {
            LOG.log(Level.FINE, "Gatecache store failed to " + what, e);
        } else if (count == 0) {
            LOG.log(Level.WARNING, "Gatecache store failed to " + what + "; requests go to the origin", e);
        } else {
            LOG.log(Level.WARNING, "Gatecache store failed to " + what + " (and " + count
                    + " more times since the last report); requests go to the origin", e);
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.fine("Gatecache store answers again");
        }
    }

    /** Stops the cache manager. */
    @Override
    public void close() {
        try {
            manager.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Gatecache store stop", e);
        }
    }
}
