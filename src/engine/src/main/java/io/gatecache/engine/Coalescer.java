package io.gatecache.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Request coalescing: of the concurrent requests that must go to the origin for one key, the first
 * leads and the others wait, bounded, for it to finish, then look in the store again.
 */
public final class Coalescer {

    private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    /** A request's place: the leader, or a follower with the leader's completion to wait on. */
    final class Ticket {
        private final String key;
        private final CompletableFuture<Void> done;
        private final boolean leader;

        Ticket(String key, CompletableFuture<Void> done, boolean leader) {
            this.key = key;
            this.done = done;
            this.leader = leader;
        }

        boolean leader() {
            return leader;
        }

        /** Waits for the leader; whether it finished within the bound. */
        boolean await(long timeoutMillis) {
            waiting.incrementAndGet();
            try {
                done.get(timeoutMillis, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                return true;
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    Ticket join(String key) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> existing = inFlight.putIfAbsent(key, mine);
        return existing == null ? new Ticket(key, mine, true) : new Ticket(key, existing, false);
    }

    /** Ends a leader's turn and wakes its followers. Idempotent. */
    void release(Ticket ticket) {
        if (ticket != null && ticket.leader) {
            inFlight.remove(ticket.key, ticket.done);
            ticket.done.complete(null);
        }
    }

    /** Requests waiting for another request with the same key, now. */
    public int waiting() {
        return waiting.get();
    }
}
