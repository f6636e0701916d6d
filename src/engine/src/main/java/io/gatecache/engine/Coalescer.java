package io.gatecache.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request coalescing: of the concurrent requests that must go to the origin for one key, the first
 * leads and the others wait, bounded, for it to finish, then look in the store again. How long a
 * follower has waited is read from a {@link Ticker}.
 */
public final class Coalescer {

    /** One key's turn: done when its leader ends it; followers wait until its deadline. */
    private static final class Turn {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** A later end to the followers' wait, set when the leader starts its own call late. */
        volatile long extendedTo = Long.MIN_VALUE;
    }

    private final ConcurrentHashMap<String, Turn> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Ticker ticker;

    /** @param ticker what the followers' waits are measured with */
    public Coalescer(Ticker ticker) {
        this.ticker = ticker;
    }

    /** A request's place: the leader, or a follower with the leader's turn to wait on. */
    final class Ticket {
        private final String key;
        private final Turn turn;
        private final boolean leader;

        Ticket(String key, Turn turn, boolean leader) {
            this.key = key;
            this.turn = turn;
            this.leader = leader;
        }

        boolean leader() {
            return leader;
        }

        /**
         * Waits for the leader, at most {@code timeoutMillis} by the ticker, or longer when the
         * leader {@linkplain #extend extends} the turn meanwhile; whether it finished in time. The
         * ticker is read again each time the wait for what it said was left ends.
         */
        boolean await(long timeoutMillis) {
            waiting.incrementAndGet();
            try {
                long deadline = ticker.nanos() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (true) {
                    long left = Math.max(deadline, turn.extendedTo) - ticker.nanos();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        turn.done.get(left, TimeUnit.NANOSECONDS);
                        return true;
                    } catch (TimeoutException e) {
                        // the leader may have extended the turn meanwhile: look again
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                return true;
            } finally {
                waiting.decrementAndGet();
            }
        }

        /**
         * For a leader that waited (for another node) before starting its own call: its followers
         * wait up to {@code timeoutMillis} from now.
         */
        void extend(long timeoutMillis) {
            if (leader) {
                turn.extendedTo = ticker.nanos() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            }
        }
    }

    Ticket join(String key) {
        Turn mine = new Turn();
        Turn existing = inFlight.putIfAbsent(key, mine);
        return existing == null ? new Ticket(key, mine, true) : new Ticket(key, existing, false);
    }

    /** Ends a leader's turn and wakes its followers. Idempotent. */
    void release(Ticket ticket) {
        if (ticket != null && ticket.leader) {
            inFlight.remove(ticket.key, ticket.turn);
            ticket.turn.done.complete(null);
        }
    }

    /** Requests waiting for another request with the same key, now. */
    public int waiting() {
        return waiting.get();
    }
}
