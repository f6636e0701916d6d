package io.gatecache.infinispan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this node wrote while its view lacked members it had before (a partition, or members
 * gone): the purge records and URL tombstones, each key's latest, those whose lifespan is over
 * forgotten. When members come into the view (the partition merges), they are written again, for
 * every node: a merge resolves the two sides'
 * entries ({@link LatestInvalidationWins}), but Infinispan cancels that resolution for the
 * segments whose owners change while it runs, and a purge made apart must not be lost to it.
 * Writing one again changes nothing where the merge did reach it: the latest instant wins.
 *
 * <p>Bounded at {@link #MAX_KEYS} keys: past it, what was written apart is not kept one by one, and
 * a clear at the latest instant written apart is written instead (everything built before it is
 * then refused: nothing purged apart is served). Thread-safe.
 */
final class WritesApart {

    /** The most keys kept; past it, the merge writes a clear instead. */
    static final int MAX_KEYS = 100_000;

    /** One write to make again: its instant and lifespan ({@code -1}: none). */
    record Write(long at, long lifespanMillis) {
    }

    /**
     * What to write again once the view has grown: records, tombstones, and a clear at
     * {@code clearAt} ({@link Long#MIN_VALUE}: none) when too much was written apart to keep.
     */
    record Again(Map<String, Write> records, Map<String, Write> tombstones, long clearAt) {
        static final Again NOTHING = new Again(Map.of(), Map.of(), Long.MIN_VALUE);

        boolean isEmpty() {
            return records.isEmpty() && tombstones.isEmpty() && clearAt == Long.MIN_VALUE;
        }
    }

    private final Map<String, Write> records = new LinkedHashMap<>();
    private final Map<String, Write> tombstones = new LinkedHashMap<>();
    /** Writes handed over that could not be made: handed over again at the next change of the view. */
    private final Map<String, Write> retryRecords = new LinkedHashMap<>();
    private final Map<String, Write> retryTombstones = new LinkedHashMap<>();
    /** The members of the last view, by name. */
    private Set<String> members;
    /** How many members the view had before it lost some: apart until it has as many again. */
    private int whole;
    private boolean apart;
    private boolean overflowed;
    /** The latest instant written apart. */
    private long latestAt = Long.MIN_VALUE;

    /** A purge record this node wrote (see {@link PurgeRecords}). */
    synchronized void record(String key, long at, long lifespanMillis) {
        keep(records, key, at, lifespanMillis);
    }

    /** A URL's tombstone this node wrote in the responses cache. */
    synchronized void tombstone(String key, long at, long lifespanMillis) {
        keep(tombstones, key, at, lifespanMillis);
    }

    private void keep(Map<String, Write> writes, String key, long at, long lifespanMillis) {
        if (!apart) {
            return;
        }
        latestAt = Math.max(latestAt, at);
        if (overflowed) {
            return;
        }
        Write before = writes.get(key);
        if (before == null || before.at() < at) {
            writes.remove(key);
            writes.put(key, new Write(at, lifespanMillis));
        }
        if (records.size() + tombstones.size() > MAX_KEYS) {
            forgetExpired();
        }
        if (records.size() + tombstones.size() > MAX_KEYS) {
            overflowed = true;
            records.clear();
            tombstones.clear();
        }
    }

    /** Forgets the writes whose lifespan is over (a record no entry can be judged by any more). */
    private void forgetExpired() {
        for (Map<String, Write> writes : List.of(records, tombstones)) {
            writes.values().removeIf(w -> w.lifespanMillis() >= 0 && w.at() + w.lifespanMillis() < latestAt);
        }
    }

    /**
     * The view now has these members (by name). When one of the last view's is missing, what this
     * node writes from now on is kept, until the view has as many members as before again. When
     * one is new (a partition merged, a node came back), what was kept is handed over to be
     * written again; it is kept still while the view has fewer members than before (another part
     * of the cluster may come back later), forgotten once it has as many.
     */
    synchronized Again viewOf(Set<String> now) {
        Set<String> before = members;
        members = Set.copyOf(now);
        if (before == null) {
            return withRetries(Again.NOTHING);
        }
        if (!apart && !now.containsAll(before)) {
            apart = true;
            whole = before.size();
        }
        if (!apart || before.containsAll(now)) {
            return withRetries(Again.NOTHING);
        }
        forgetExpired();
        Again again = new Again(Map.copyOf(records), Map.copyOf(tombstones), overflowed ? latestAt : Long.MIN_VALUE);
        if (now.size() >= whole) {
            records.clear();
            tombstones.clear();
            overflowed = false;
            apart = false;
            latestAt = Long.MIN_VALUE;
        }
        return withRetries(again);
    }

    /** Keeps a write that could not be made again, to be tried at the next change of the view. */
    synchronized void notWrittenAgain(boolean tombstone, String key, Write write) {
        (tombstone ? retryTombstones : retryRecords).merge(key, write, (a, b) -> a.at() >= b.at() ? a : b);
    }

    /** What was handed over and could not be written: handed over again, with anything else. */
    private Again withRetries(Again again) {
        if (retryRecords.isEmpty() && retryTombstones.isEmpty()) {
            return again;
        }
        Map<String, Write> r = new LinkedHashMap<>(retryRecords);
        again.records().forEach((k, w) -> r.merge(k, w, (a, b) -> a.at() >= b.at() ? a : b));
        Map<String, Write> t = new LinkedHashMap<>(retryTombstones);
        again.tombstones().forEach((k, w) -> t.merge(k, w, (a, b) -> a.at() >= b.at() ? a : b));
        retryRecords.clear();
        retryTombstones.clear();
        return new Again(r, t, again.clearAt());
    }
}
