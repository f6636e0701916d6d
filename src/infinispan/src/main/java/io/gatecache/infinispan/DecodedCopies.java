package io.gatecache.infinispan;

import io.gatecache.core.BoundedMemo;
import io.gatecache.core.StoredResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The variants of the keys this node read last, as objects: a read of a key within a second of
 * the last one that read it from the cache, with nothing written, removed, expired or evicted
 * under it since (its changes in {@link io.gatecache.spi.KeyStamps}, read before the cache was),
 * takes them instead of decoding the stored bytes again. Purges are judged at each read, as
 * ever. The cache still sees a read of each key at least once a second: its eviction order and
 * its expiry go on as they would.
 *
 * <p>Bounded: at most {@value #MAX_KEYS} keys and {@value #MAX_BYTES} bytes of bodies (all are
 * forgotten when either is reached); a key whose bodies pass {@value #MAX_KEY_BYTES} bytes is not
 * copied. Only where every read is from this node's memory (a local or replicated cache), where
 * this node hears of every change.
 */
final class DecodedCopies {

    static final int MAX_KEYS = 4096;
    static final long MAX_BYTES = 16L << 20;
    static final long MAX_KEY_BYTES = 64L << 10;
    private static final long FOR_NANOS = TimeUnit.SECONDS.toNanos(1);

    private record Copy(long changes, long readAt, List<StoredResponse> variants) {
    }

    private final BoundedMemo<String, Copy> copies = new BoundedMemo<>(MAX_KEYS, MAX_BYTES);

    /** The variants read under the key with its changes at {@code changes}, within the second; or null. */
    List<StoredResponse> get(String key, long changes) {
        Copy c = copies.get(key);
        if (c == null || c.changes != changes || System.nanoTime() - c.readAt > FOR_NANOS) {
            return null;
        }
        return c.variants;
    }

    /** Keeps what the cache answered for the key, read after its changes were {@code changes}. */
    void put(String key, long changes, List<StoredResponse> variants) {
        long size = 0;
        for (StoredResponse v : variants) {
            size += v.body().length;
        }
        if (size > MAX_KEY_BYTES) {
            return;
        }
        copies.put(key, new Copy(changes, System.nanoTime(), variants), size);
    }

    /** Forgets every copy (the store stops). */
    void clear() {
        copies.clear();
    }
}
