package io.gatecache.engine;

import io.gatecache.spi.ResponseStore;
import io.gatecache.spi.ResponseStoreProvider;

/**
 * The {@link MemoryResponseStore}, as {@code gatecache.store=memory}: this JVM's memory, for one
 * node (nothing shared with another), unbounded but by each entry's lifespan.
 */
public final class MemoryStoreProvider implements ResponseStoreProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public ResponseStore start(Options options) {
        return new MemoryResponseStore(options.clock(), options.maxVariants(), options.retentionMillis());
    }
}
