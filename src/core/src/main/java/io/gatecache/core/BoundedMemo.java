package io.gatecache.core;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What was made once and is kept for the next time, within bounds: at most so many entries and so
 * many bytes of them (as each entry's maker counts them). Once a put would pass either bound,
 * everything kept is forgotten first, so the bounds hold whatever the keys, with no eviction
 * order to keep. Reads take no lock; puts and removals count under one.
 *
 * @param <K> the key
 * @param <V> what is kept
 */
public final class BoundedMemo<K, V> {

    private record Held<V>(V value, long bytes) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final ConcurrentHashMap<K, Held<V>> held = new ConcurrentHashMap<>();
    private long bytes;

    /** @param maxBytes the bytes kept at most ({@link Long#MAX_VALUE}: entries only are counted) */
    public BoundedMemo(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** What is kept under the key, or null. */
    public V get(K key) {
        Held<V> h = held.get(key);
        return h == null ? null : h.value;
    }

    /** Keeps a value of so many bytes under the key, in place of what was kept there. */
    public synchronized void put(K key, V value, long size) {
        if (held.size() >= maxEntries || bytes + size > maxBytes) {
            held.clear();
            bytes = 0;
        }
        Held<V> before = held.put(key, new Held<>(value, size));
        bytes += size - (before == null ? 0 : before.bytes);
    }

    /** Forgets what is kept under the key, if it is that value (kept since, another stays). */
    public synchronized void remove(K key, V value) {
        Held<V> h = held.get(key);
        if (h != null && h.value == value && held.remove(key, h)) {
            bytes -= h.bytes;
        }
    }

    /** Forgets everything. */
    public synchronized void clear() {
        held.clear();
        bytes = 0;
    }
}
