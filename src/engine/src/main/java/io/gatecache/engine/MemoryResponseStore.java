package io.gatecache.engine;

import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import io.gatecache.core.purge.Ban;
import io.gatecache.core.purge.PurgeLedger;
import io.gatecache.spi.ResponseStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A store in this JVM's memory, unbounded, with the semantics of the store SPI: entries expire by
 * the given clock, invalidations are remembered per key, and purges by tag, ban and clear in a
 * {@link PurgeLedger}. Engines in one JVM that share it coalesce their misses through its
 * {@linkplain #claim claims}, as nodes sharing a clustered store do. For tests of the engine and
 * for embedding.
 */
public final class MemoryResponseStore implements ResponseStore {

    /** How long a key's invalidation is remembered against responses still being built. */
    static final long INVALIDATION_MEMORY_MILLIS = PurgeLedger.BUILD_MARGIN_MILLIS;

    /** A key's variants, when they expire, and when the key was last invalidated. */
    private record Slot(List<StoredResponse> variants, long expiresAt, long invalidatedAt) {
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    /** The claims on fetching a turn: until when each holds, and its release. */
    private final ConcurrentHashMap<String, Fill> fills = new ConcurrentHashMap<>();

    private record Fill(long until, CompletableFuture<Void> released) {
    }
    private final PurgeLedger purges;
    private final io.gatecache.spi.KeyStamps stamps;
    private final Clock clock;
    private final int maxVariants;
    private final io.gatecache.core.context.LocalContextHashes contextHashes;

    public MemoryResponseStore(Clock clock, int maxVariants) {
        this(clock, maxVariants, PurgeLedger.DEFAULT_RETENTION_MILLIS);
    }

    /** @param retentionMillis the longest an entry is kept (see {@link PurgeLedger}) */
    public MemoryResponseStore(Clock clock, int maxVariants, long retentionMillis) {
        this.contextHashes = new io.gatecache.core.context.LocalContextHashes(clock::millis,
                io.gatecache.spi.ContextHashes.MAX_ENTRIES);
        this.clock = clock;
        this.maxVariants = maxVariants;
        this.purges = new PurgeLedger(clock, retentionMillis);
        this.stamps = new io.gatecache.spi.KeyStamps(purges);
    }

    /** The first to claim a turn holds it until it releases it or its lease is over (by the clock). */
    @Override
    public Claim claim(String turn, long leaseMillis) {
        long now = clock.millis();
        Fill mine = new Fill(now + leaseMillis, new CompletableFuture<>());
        Fill[] lapsed = {null};
        Fill holder = fills.compute(turn, (t, f) -> {
            if (f == null || f.until <= now) {
                lapsed[0] = f;
                return mine;
            }
            return f;
        });
        if (lapsed[0] != null) {
            lapsed[0].released.complete(null);
        }
        if (holder != mine) {
            return Claim.elsewhere(timeoutMillis -> awaitEnd(holder, timeoutMillis));
        }
        return Claim.held(() -> {
            fills.remove(turn, mine);
            mine.released.complete(null);
        });
    }

    /**
     * Waits, at most {@code timeoutMillis}, for a claim held elsewhere to be released or to lapse
     * (its lease over by the clock, though no one claimed the turn since); whether it ended in time.
     * The lease is looked at again at least once per its length.
     */
    private boolean awaitEnd(Fill holder, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long lease = holder.until - clock.millis();
            if (holder.released.isDone() || lease <= 0) {
                return true;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            try {
                holder.released.get(Math.min(left, lease), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                // the lease or the bound is over: look again
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Always: it is this JVM's memory. */
    @Override
    public boolean readsLocally() {
        return true;
    }

    @Override
    public io.gatecache.spi.ContextHashes contextHashes() {
        return contextHashes;
    }

    @Override
    public List<StoredResponse> get(String key) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return List.of();
        }
        if (slot.expiresAt <= clock.millis()) {
            stamps.changed(key); // expired: what was read of it before is no longer there
            return List.of();
        }
        return purges.judge(key, slot.variants);
    }

    @Override
    public long stamp(String key) {
        return stamps.stamp(key);
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
        if (stored[0]) {
            stamps.changed(key);
        }
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
        stamps.changed(key);
        return had[0];
    }

    @Override
    public boolean invalidateTags(Collection<String> tags, long at, boolean soft) {
        purges.tagsPurged(tags, at, soft);
        purges.forgetOld();
        return true;
    }

    @Override
    public boolean ban(Ban ban) {
        purges.admit(ban);
        purges.forgetOld();
        return true;
    }

    @Override
    public boolean invalidateAll(long at) {
        purges.cleared(at);
        slots.clear();
        return true;
    }

    @Override
    public long size() {
        long now = clock.millis();
        return slots.values().stream().filter(s -> s.expiresAt > now && !s.variants.isEmpty()).count();
    }
}
