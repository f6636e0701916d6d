package io.gatecache.engine;

import io.gatecache.core.Lookup;
import io.gatecache.core.Variants;
import io.gatecache.spi.ResponseStore;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Coalescing: concurrent misses for one key (and variant) wait for one origin call, on this node
 * (the {@link Coalescer}'s turns) and across the nodes sharing the store (its claims); and the
 * keys whose last response was not stored, which are not coalesced for a while (hit-for-miss).
 */
final class Coalescing {

    /** How long a key whose response was not stored is not coalesced (Varnish's hit-for-miss). */
    static final long HIT_FOR_MISS_MILLIS = 60_000;
    private static final int MAX_REMEMBERED_KEYS = 10_000;

    private final Coalescer coalescer;
    private final ResponseStore store;
    private final Lookups lookups;
    private final Clock clock;
    private final long timeoutMillis;
    private final Statistics statistics;
    private final ConcurrentHashMap<String, Long> hitForMiss = new ConcurrentHashMap<>();

    /** @param timeoutMillis how long a request waits for another's origin call at most */
    Coalescing(Coalescer coalescer, ResponseStore store, Lookups lookups, Clock clock, long timeoutMillis,
            Statistics statistics) {
        this.statistics = statistics;
        this.coalescer = coalescer;
        this.store = store;
        this.lookups = lookups;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
    }

    Coalescer coalescer() {
        return coalescer;
    }

    /**
     * Joins the concurrent GETs for the exchange's key that must go to the origin: the first
     * leads (the same exchange comes back); the others wait, bounded by
     * {@code coalescing-timeout-ms}, then look in the store again (a new exchange, to serve or
     * forward). Not for keys whose last response was not stored (hit-for-miss), nor background
     * refreshes.
     */
    Exchange coalesce(Exchange ex) {
        if (!ex.request.method().equals("GET") || ex.lookup.outcome() == Lookup.Outcome.PASS) {
            return ex;
        }
        String turn = coalescingKey(ex);
        if (!coalesces(turn)) {
            return ex;
        }
        Coalescer.Ticket ticket = coalescer.join(turn);
        if (ticket.leader()) {
            ex.turn = new Turn(turn, ticket);
            return acrossNodes(ex);
        }
        // counted once the wait ends, as one outcome or the other
        (ticket.await(timeoutMillis) ? statistics.coalescedInTime : statistics.coalescedTimeouts).increment();
        return lookups.lookAgain(ex);
    }

    /**
     * The node's leader of a turn claims it for every node sharing the store (see
     * {@link ResponseStore#claim}). When another node holds it, the leader waits for that node as
     * its own followers wait for it, bounded by {@code coalescing-timeout-ms}, and looks in the
     * store again: what the other node stored is answered here too, and the followers find it.
     * Holding the claim, it looks again once, for what another node stored between this request's
     * first look and its claim. Otherwise (nothing the store can answer) it goes to the origin,
     * still leading its turn: the same exchange comes back, and its followers' wait starts again.
     */
    private Exchange acrossNodes(Exchange ex) {
        long timeout = timeoutMillis;
        ResponseStore.Claim claim = store.claim(ex.turn.key, timeout);
        if (claim == ResponseStore.Claim.LOCAL) {
            return ex;
        }
        if (claim.held()) {
            statistics.claimsHeld.increment();
            ex.turn.claim = claim;
        } else {
            statistics.claimsWaited.increment();
            claim.await(timeout);
        }
        Exchange again = lookups.lookAgain(ex);
        if (!answeredFromStore(again.lookup.outcome())) {
            ex.turn.ticket.extend(timeout);
            return ex;
        }
        endTurn(ex);
        return again;
    }

    /**
     * Whether a lookup is answered from the store without asking the origin whatever happens:
     * not a stale-while-revalidate entry, which is revalidated in the request when no background
     * refresh can start.
     */
    private static boolean answeredFromStore(Lookup.Outcome outcome) {
        return outcome == Lookup.Outcome.FRESH || outcome == Lookup.Outcome.STALE;
    }

    /**
     * What concurrent requests must share to wait for one another: the key, the origin (a variant
     * dimension of every entry), and the request's values of the fields the stored variants vary
     * on, when any are stored. Requests for other variants do not wait for each other.
     */
    private static String coalescingKey(Exchange ex) {
        String k = ex.key + ' ' + ex.origin;
        if (ex.vary == null || ex.vary.fields().isEmpty()) {
            return k;
        }
        return k + ' ' + Variants.variantKey(ex.vary, ex.request.fields());
    }

    /**
     * Whether concurrent GETs of one coalescing turn wait for one origin call: not for a minute
     * after one was not stored (hit-for-miss, per host and variant as the turns are).
     */
    private boolean coalesces(String key) {
        Long until = hitForMiss.get(key);
        if (until == null) {
            return true;
        }
        if (until < clock.millis()) {
            hitForMiss.remove(key, until);
            return true;
        }
        return false;
    }

    /** Ends the exchange's coalescing turn, and notes whether its response was stored. Idempotent. */
    void release(Exchange ex) {
        Turn turn = ex.turn;
        if (turn == null || turn.ticket == null) {
            return;
        }
        if (ex.decided.stored()) {
            hitForMiss.remove(turn.key);
        } else {
            if (hitForMiss.size() >= MAX_REMEMBERED_KEYS) {
                long now = clock.millis();
                hitForMiss.values().removeIf(until -> until < now);
                if (hitForMiss.size() >= MAX_REMEMBERED_KEYS) {
                    hitForMiss.clear();
                }
            }
            hitForMiss.put(turn.key, clock.millis() + HIT_FOR_MISS_MILLIS);
        }
        endTurn(ex);
    }

    /** Releases the exchange's claim across nodes, then its turn on this node, waking whoever waits. */
    private void endTurn(Exchange ex) {
        Turn turn = ex.turn;
        if (turn.claim != null) {
            turn.claim.release();
            turn.claim = null;
        }
        coalescer.release(turn.ticket);
        turn.ticket = null;
    }

    /** The coalescing turn a request leads, which only this stage changes. */
    static final class Turn {
        /** What concurrent requests share to wait for one another (see {@link #coalescingKey}). */
        private final String key;
        /** The turn on this node, released once the response is decided. */
        private Coalescer.Ticket ticket;
        /** The turn's claim across the nodes sharing the store, when this request holds one. */
        private ResponseStore.Claim claim;

        private Turn(String key, Coalescer.Ticket ticket) {
            this.key = key;
            this.ticket = ticket;
        }
    }
}
