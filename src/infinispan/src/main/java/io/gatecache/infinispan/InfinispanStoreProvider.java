package io.gatecache.infinispan;

import io.gatecache.spi.ResponseStore;
import io.gatecache.spi.ResponseStoreProvider;

/**
 * The {@link InfinispanResponseStore}, as {@code gatecache.store=infinispan} (the default): local,
 * replicated or distributed, as its XML says ({@code gatecache.store.config}), with the entries in
 * the cache {@code gatecache.store.cache}; a clustered one's members share
 * {@code gatecache.cluster.secret}.
 */
public final class InfinispanStoreProvider implements ResponseStoreProvider {

    /** The XML unless {@code gatecache.store.config} names another. */
    public static final String DEFAULT_CONFIG = "gatecache/infinispan-local.xml";
    /** The cache of the entries unless {@code gatecache.store.cache} names another. */
    public static final String DEFAULT_CACHE = "gatecache-responses";

    @Override
    public String name() {
        return "infinispan";
    }

    @Override
    public ResponseStore start(Options options) {
        return InfinispanResponseStore.start(options.setting().apply("config").orElse(DEFAULT_CONFIG),
                options.setting().apply("cache").orElse(DEFAULT_CACHE), options.clock(), options.maxVariants(),
                options.retentionMillis(), options.clusterSecret());
    }
}
