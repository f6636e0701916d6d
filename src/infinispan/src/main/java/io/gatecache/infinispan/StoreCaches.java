package io.gatecache.infinispan;

import io.gatecache.spi.ClusterSecret;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.parsing.ParserRegistry;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.partitionhandling.PartitionHandling;

/**
 * The caches of one store, in one cache manager started from an Infinispan XML file (a classpath
 * resource or a file path), with the entry schema registered:
 * <ul>
 * <li>the responses ({@code gatecache.store.cache}): each key's variants, and the instant the key
 * was last invalidated;</li>
 * <li>the invalidations ({@code <cache>-invalidations}): the purge records (see
 * {@link PurgeRecords});</li>
 * <li>on a cluster, the fills ({@code <cache>-fills}): the claims on fetching a turn (see
 * {@link ClusterClaims}); null on a local store;</li>
 * <li>the user context hashes ({@code <cache>-contexts}, see {@link ContextHashCache}): as the XML
 * defines it or, when it does not, made here, replicated on a cluster, holding at most
 * {@link io.gatecache.spi.ContextHashes#MAX_ENTRIES} entries.</li>
 * </ul>
 * The invalidations and fills caches are as the XML defines them or, when it does not, made here
 * with the responses cache's clustering (replicated when that is distributed), never evicted.
 */
record StoreCaches(DefaultCacheManager manager, Cache<String, VariantList> responses,
        Cache<String, Long> invalidations, Cache<String, String> fills, Cache<String, String> contexts) {

    /** The suffixes of the caches beside the responses cache. */
    static final String INVALIDATIONS = "-invalidations";
    static final String FILLS = "-fills";
    static final String CONTEXTS = "-contexts";

    /**
     * Starts the cache manager and its caches; on a cluster, the members prove the secret they
     * share to each other (see {@link SealedStack}).
     *
     * @param clusterSecret the members' secret ({@code gatecache.cluster.secret}), when set
     * @throws IllegalStateException when they cannot start (the cache manager is stopped)
     */
    static StoreCaches start(String config, String cacheName, Optional<ClusterSecret> clusterSecret) {
        ClassLoader loader = StoreCaches.class.getClassLoader();
        URL url = resolve(config, loader);
        DefaultCacheManager manager = null;
        try {
            ConfigurationBuilderHolder holder = new ParserRegistry(loader).parse(url);
            holder.getGlobalConfigurationBuilder().classLoader(loader).serialization()
                    .addContextInitializer(new GatecacheSchemaImpl());
            SealedStack.install(holder.getGlobalConfigurationBuilder(), clusterSecret, config);
            manager = new DefaultCacheManager(holder, true);
            Cache<String, VariantList> cache = manager.getCache(cacheName, false);
            if (cache == null) {
                throw new IllegalStateException("Gatecache: the store configuration " + config
                        + " defines no cache named '" + cacheName + "' (gatecache.store.cache)");
            }
            CacheMode mode = cache.getCacheConfiguration().clustering().cacheMode();
            Cache<String, Long> invalidations = companion(manager, cacheName + INVALIDATIONS, mode);
            Cache<String, String> fills = mode.isClustered() ? companion(manager, cacheName + FILLS, mode) : null;
            return new StoreCaches(manager, cache, invalidations, fills, contexts(manager, cacheName + CONTEXTS, mode));
        } catch (IOException | RuntimeException e) {
            if (manager != null) {
                manager.stop();
            }
            throw cannotStart(config, e);
        }
    }

    /** The failure to start a store from a configuration, saying why. */
    static IllegalStateException cannotStart(String config, Exception e) {
        return new IllegalStateException("Gatecache: cannot start the store from " + config + ": " + e.getMessage(),
                e);
    }

    /**
     * One of the caches beside the responses: as the XML defines it, or else made here, never
     * evicted, and replicated (synchronously when the responses cache is) on a cluster, where a
     * partition merge keeps the latest instant of each record.
     */
    private static <V> Cache<String, V> companion(DefaultCacheManager manager, String name, CacheMode mode) {
        if (manager.getCacheConfiguration(name) == null) {
            ConfigurationBuilder b = new ConfigurationBuilder();
            b.encoding().mediaType(MediaType.APPLICATION_OBJECT_TYPE);
            if (mode.isClustered()) {
                b.clustering().cacheMode(mode.isSynchronous() ? CacheMode.REPL_SYNC : CacheMode.REPL_ASYNC)
                        .partitionHandling().whenSplit(PartitionHandling.ALLOW_READ_WRITES)
                        .mergePolicy(new LatestInvalidationWins());
                b.expiration().wakeUpInterval(1, TimeUnit.SECONDS);
            }
            manager.defineConfiguration(name, b.build());
        }
        return manager.getCache(name);
    }

    /** The user context hashes' cache: as the XML defines it, or else replicated on a cluster, bounded. */
    private static Cache<String, String> contexts(DefaultCacheManager manager, String name, CacheMode mode) {
        if (manager.getCacheConfiguration(name) == null) {
            ConfigurationBuilder b = new ConfigurationBuilder();
            b.encoding().mediaType(MediaType.APPLICATION_OBJECT_TYPE);
            b.memory().maxCount(io.gatecache.spi.ContextHashes.MAX_ENTRIES);
            b.expiration().wakeUpInterval(1, TimeUnit.SECONDS);
            if (mode.isClustered()) {
                b.clustering().cacheMode(mode.isSynchronous() ? CacheMode.REPL_SYNC : CacheMode.REPL_ASYNC)
                        .partitionHandling().whenSplit(PartitionHandling.ALLOW_READ_WRITES);
            }
            manager.defineConfiguration(name, b.build());
        }
        return manager.getCache(name);
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

    /** How the responses cache is shared, as configured (fixed for the cache's life). */
    CacheMode mode() {
        return responses.getCacheConfiguration().clustering().cacheMode();
    }

    /** Every cache of the store. */
    List<Cache<String, ?>> all() {
        return fills == null ? List.of(responses, invalidations, contexts)
                : List.of(responses, invalidations, fills, contexts);
    }
}
