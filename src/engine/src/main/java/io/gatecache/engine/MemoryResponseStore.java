package io.gatecache.engine;

import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import io.gatecache.spi.ResponseStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store in this JVM's memory, unbounded, with the semantics of the store SPI: entries expire by
 * the given clock, invalidations are remembered per key, per tag and for everything. For tests
 * of the engine and for embedding where nothing is shared.
 */
public final class MemoryResponseStore implements ResponseStore {

    /** How long a key's invalidation is remembered against responses still being built. */
    static final long INVALIDATION_MEMORY_MILLIS = 600_000;

    /** A key's variants, when they expire, and when the key was last invalidated. */
    private record Slot(List<StoredResponse> variants, long expiresAt, long invalidatedAt) {
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> tagInvalidations = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxVariants;
    private volatile long invalidatedAllAt = Long.MIN_VALUE;

    public MemoryResponseStore(Clock clock, int maxVariants) {
        this.clock = clock;
        this.maxVariants = maxVariants;
    }

    @Override
    public List<StoredResponse> get(String key) {
        Slot slot = slots.get(key);
        if (slot == null || slot.expiresAt <= clock.millis()) {
            return List.of();
        }
        return slot.variants.stream().filter(v -> !tagInvalidatedSince(v, v.requestTime())).toList();
    }

    @Override
    public PutOutcome put(String key, StoredResponse variant, long since, long lifespanMillis) {
        if (invalidatedAllAt >= since || tagInvalidatedSince(variant, since)) {
            return PutOutcome.INVALIDATED;
        }
        long now = clock.millis();
        boolean[] stored = {false};
        slots.compute(key, (k, old) -> {
            boolean live = old != null && old.expiresAt > now;
            if (live && old.invalidatedAt >= since) {
                return old;
            }
            stored[0] = true;
            long invalidatedAt = live ? old.invalidatedAt : Long.MIN_VALUE;
            long expiresAt = now + lifespanMillis;
            if (invalidatedAt != Long.MIN_VALUE) {
                expiresAt = Math.max(expiresAt, invalidatedAt + INVALIDATION_MEMORY_MILLIS);
            }
            return new Slot(Variants.withVariant(live ? old.variants : null, variant, maxVariants), expiresAt,
                    invalidatedAt);
        });
        if (stored[0] && (invalidatedAllAt >= since || tagInvalidatedSince(variant, since))) {
            // an invalidation landed while this was written: it wins
            slots.computeIfPresent(key, (k, s) -> new Slot(s.variants.stream().filter(v -> v != variant).toList(),
                    s.expiresAt, s.invalidatedAt));
            return PutOutcome.INVALIDATED;
        }
        return stored[0] ? PutOutcome.STORED : PutOutcome.INVALIDATED;
    }

    private boolean tagInvalidatedSince(StoredResponse variant, long since) {
        for (String tag : variant.tags()) {
            Long at = tagInvalidations.get(tag);
            if (at != null && at >= since) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean invalidate(String key, long at) {
        boolean[] had = {false};
        long now = clock.millis();
        slots.compute(key, (k, old) -> {
            had[0] = old != null && old.expiresAt > now && !old.variants.isEmpty();
            return new Slot(List.of(), at + INVALIDATION_MEMORY_MILLIS, at);
        });
        return had[0];
    }

    @Override
    public void invalidateTags(Collection<String> tags, long at) {
        for (String tag : tags) {
            tagInvalidations.merge(tag, at, Math::max);
        }
    }

    @Override
    public void invalidateAll(long at) {
        invalidatedAllAt = Math.max(invalidatedAllAt, at);
        slots.clear();
    }

    @Override
    public long size() {
        long now = clock.millis();
        return slots.values().stream().filter(s -> s.expiresAt > now && !s.variants.isEmpty()).count();
    }
}
