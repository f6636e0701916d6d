package io.gatecache.engine;

import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import io.gatecache.core.purge.PurgeLedger;
import io.gatecache.spi.ResponseStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store in this JVM's memory, unbounded, with the semantics of the store SPI: entries expire by
 * the given clock, invalidations are remembered per key, and purges by tag, ban and clear in a
 * {@link PurgeLedger}. For tests of the engine and for embedding where nothing is shared.
 */
public final class MemoryResponseStore implements ResponseStore {

    /** How long a key's invalidation is remembered against responses still being built. */
    static final long INVALIDATION_MEMORY_MILLIS = PurgeLedger.BUILD_MARGIN_MILLIS;

    /** A key's variants, when they expire, and when the key was last invalidated. */
    private record Slot(List<StoredResponse> variants, long expiresAt, long invalidatedAt) {
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final PurgeLedger purges;
    private final Clock clock;
    private final int maxVariants;

    public MemoryResponseStore(Clock clock, int maxVariants) {
        this(clock, maxVariants, PurgeLedger.DEFAULT_RETENTION_MILLIS);
    }

    /** @param retentionMillis the longest an entry is kept (see {@link PurgeLedger}) */
    public MemoryResponseStore(Clock clock, int maxVariants, long retentionMillis) {
        this.clock = clock;
        this.maxVariants = maxVariants;
        this.purges = new PurgeLedger(clock, retentionMillis);
    }

    @Override
    public List<StoredResponse> get(String key) {
        Slot slot = slots.get(key);
        if (slot == null || slot.expiresAt <= clock.millis()) {
            return List.of();
        }
        return purges.judge(key, slot.variants);
    }

    @Override
    public PutOutcome put(String key, StoredResponse variant, long since, long lifespanMillis) {
        if (purges.refuses(key, variant, since)) {
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
        if (stored[0] && purges.refuses(key, variant, since)) {
            // a purge landed while this was written: it wins
            slots.computeIfPresent(key, (k, s) -> new Slot(s.variants.stream().filter(v -> v != variant).toList(),
                    s.expiresAt, s.invalidatedAt));
            return PutOutcome.INVALIDATED;
        }
        return stored[0] ? PutOutcome.STORED : PutOutcome.INVALIDATED;
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
    public void invalidateTags(Collection<String> tags, long at, boolean soft) {
        purges.tagsPurged(tags, at, soft);
        purges.forgetOld();
    }

    @Override
    public void ban(PurgeLedger.Ban ban) {
        purges.banned(ban);
        purges.forgetOld();
    }

    @Override
    public void invalidateAll(long at) {
        purges.cleared(at);
        slots.clear();
    }

    @Override
    public long size() {
        long now = clock.millis();
        return slots.values().stream().filter(s -> s.expiresAt > now && !s.variants.isEmpty()).count();
    }
}
