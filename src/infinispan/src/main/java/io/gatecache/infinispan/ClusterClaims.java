package io.gatecache.infinispan;

import io.gatecache.spi.ResponseStore.Claim;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryExpired;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;

/**
 * The claims on fetching a turn from the origin, held for every node of a cluster in the fills
 * cache (replicated), so that concurrent misses across the cluster cost one origin call: the
 * first node to put a turn holds it until it releases it, or its lease lapses. The other nodes
 * wait for its end, woken by the cache's removal or expiry event.
 */
final class ClusterClaims {

    private final Cache<String, String> fills;
    private final StoreFailures failures;
    /** Waits on this node for claims other nodes hold, by turn. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> released = new ConcurrentHashMap<>();
    /** Tells this node's claims apart from every other node's, and from its own before a restart. */
    private final String claimant = UUID.randomUUID().toString();
    private final AtomicLong claims = new AtomicLong();

    ClusterClaims(Cache<String, String> fills, StoreFailures failures) {
        this.fills = fills;
        this.failures = failures;
        fills.addListener(new Releases());
    }

    /** Wakes this node's waits for a claim when its holder releases it or it lapses. */
    @Listener
    public final class Releases {
        @CacheEntryRemoved
        @CacheEntryExpired
        public void ended(CacheEntryEvent<String, String> event) {
            if (!event.isPre()) {
                CompletableFuture<Void> waiting = released.remove(event.getKey());
                if (waiting != null) {
                    waiting.complete(null);
                }
            }
        }
    }

    /**
     * Claims a turn in the fills cache: the first node to put it holds it, for {@code leaseMillis}
     * at most. One conditional write (to the key's primary owner, which orders them); a store that
     * fails grants the claim, so the request goes to the origin.
     */
    Claim claim(String turn, long leaseMillis) {
        String mine = claimant + ' ' + claims.incrementAndGet();
        try {
            String holder = fills.putIfAbsent(turn, mine, leaseMillis, TimeUnit.MILLISECONDS);
            failures.recovered();
            // a write retried after a topology change may return this node's own claim
            return holder == null || holder.equals(mine) ? Claim.held(() -> unclaim(turn, mine))
                    : Claim.elsewhere(timeout -> awaitRelease(turn, timeout));
        } catch (RuntimeException e) {
            failures.failed("claim " + turn, e);
            return Claim.LOCAL;
        }
    }

    /** Ends this node's claim (only this one: the value names it), waking the nodes that wait. */
    private void unclaim(String turn, String mine) {
        try {
            fills.remove(turn, mine);
        } catch (RuntimeException e) {
            // it lapses at the end of its lease
            failures.failed("release the claim on " + turn, e);
        }
    }

    /**
     * Waits for another node's claim to end, woken by the fills cache's removal or expiry event
     * (see {@link Releases}); whether it ended within the bound.
     */
    private boolean awaitRelease(String turn, long timeoutMillis) {
        CompletableFuture<Void> done = released.computeIfAbsent(turn, t -> new CompletableFuture<>());
        try {
            if (!fills.containsKey(turn)) {
                // released before this node started waiting
                done.complete(null);
            }
            done.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            // one wait per turn on a node (its leader's): nothing is left behind, even for a turn
            // whose end this node never hears of
            released.remove(turn, done);
        }
    }
}
