package io.gatecache.infinispan;

import java.util.concurrent.atomic.LongAdder;
import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntriesEvicted;
import org.infinispan.notifications.cachelistener.event.CacheEntriesEvictedEvent;

/**
 * How much of this node's memory the responses cache holds, and how many entries it evicted to
 * stay within it (the least recently used, when {@code max-size} or {@code max-count} is
 * reached). Evictions are counted by a listener on this node's own container: one addition per
 * eviction, on the thread that made room.
 */
@Listener(observation = Listener.Observation.POST)
public final class StoreUsage {

    private final Cache<String, ?> cache;
    /** Whether the container counts bytes ({@code max-size}) rather than entries, or nothing. */
    private final boolean countsBytes;
    private final LongAdder evicted = new LongAdder();

    StoreUsage(Cache<String, ?> cache) {
        this.cache = cache;
        this.countsBytes = cache.getCacheConfiguration().memory().maxSizeBytes() > 0;
        // in the storage's own form: an eviction's event carries its entries as they are stored,
        // with nothing converted for a listener that only counts them
        cache.getAdvancedCache().withStorageMediaType().addListener(this);
    }

    /** Counts the entries this node evicted. */
    @CacheEntriesEvicted
    public void evicted(CacheEntriesEvictedEvent<?, ?> event) {
        evicted.add(event.getEntries().size());
    }

    /** The bytes this node's container holds (its estimate), or -1 when it is not bounded by size. */
    long bytes() {
        return countsBytes ? cache.getAdvancedCache().getDataContainer().evictionSize() : -1;
    }

    /** The entries evicted on this node since the store started. */
    long evictions() {
        return evicted.sum();
    }
}
