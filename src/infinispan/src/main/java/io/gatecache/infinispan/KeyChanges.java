package io.gatecache.infinispan;

import io.gatecache.spi.KeyStamps;
import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.encoding.DataConversion;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntriesEvicted;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryExpired;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryInvalidated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntriesEvictedEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;

/**
 * Moves the stamps of the responses cache's keys ({@link KeyStamps}) after each change to one,
 * whichever node made it: a write, a removal, an expiry, an invalidation, an eviction. A listener
 * on this node's cache in the storage's own form (nothing of a value is converted), told after
 * each change, on the thread that made it; only a key is converted, to the string it is looked up
 * by.
 */
@Listener(observation = Listener.Observation.POST)
public final class KeyChanges {

    private final KeyStamps stamps;
    private final DataConversion keys;

    KeyChanges(Cache<String, ?> cache, KeyStamps stamps) {
        this.stamps = stamps;
        AdvancedCache<?, ?> stored = cache.getAdvancedCache().withStorageMediaType();
        this.keys = cache.getAdvancedCache().getKeyDataConversion();
        stored.addListener(this);
    }

    /** A key written, removed, expired or invalidated. */
    @CacheEntryCreated
    @CacheEntryModified
    @CacheEntryRemoved
    @CacheEntryExpired
    @CacheEntryInvalidated
    public void changed(CacheEntryEvent<?, ?> event) {
        stamps.changed(keys.fromStorage(event.getKey()));
    }

    /** Keys evicted to make room. */
    @CacheEntriesEvicted
    public void evicted(CacheEntriesEvictedEvent<?, ?> event) {
        for (Object key : event.getEntries().keySet()) {
            stamps.changed(keys.fromStorage(key));
        }
    }
}
