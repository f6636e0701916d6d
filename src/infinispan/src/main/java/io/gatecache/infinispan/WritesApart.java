package io.gatecache.infinispan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this node wrote while its view had fewer members than before (a partition, or members
 * gone): the purge records and URL tombstones, each key's latest. When the view grows again (the
 * partition merges), they are written again, for every node: a merge resolves the two sides'
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
    private int members = -1;
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
            writes.put(key, new Write(at, lifespanMillis));
        }
        if (records.size() + tombstones.size() > MAX_KEYS) {
            overflowed = true;
            records.clear();
            tombstones.clear();
        }
    }

    /**
     * The view now has this many members: fewer than before, and what this node writes from now
     * on is kept; more, and what was kept is handed over to be written again (and forgotten here).
     */
    synchronized Again viewOf(int count) {
        int before = members;
        members = count;
        if (before >= 0 && count < before) {
            apart = true;
            return Again.NOTHING;
        }
        if (before >= 0 && count > before && apart) {
            Again again = new Again(Map.copyOf(records), Map.copyOf(tombstones),
                    overflowed ? latestAt : Long.MIN_VALUE);
            records.clear();
            tombstones.clear();
            overflowed = false;
            apart = false;
            latestAt = Long.MIN_VALUE;
            return again;
        }
        return Again.NOTHING;
    }
}
