package io.gatecache.spi;

import io.gatecache.core.purge.PurgeLedger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A store's stamps of its keys ({@link ResponseStore#stamp}): a count of the changes to each of
 * {@value #STRIPES} stripes of keys (by the key's hash), with the count of its ledger's records
 * (purges of tags, bans and clears reach any key). A store calls {@link #changed} once whatever
 * changed under a key is done; a stamp is read before what it stands for is read. Keys sharing a
 * stripe share their changes: a stamp may move for nothing, never stay for a change. Fixed
 * memory, whatever the keys.
 */
public final class KeyStamps {

    static final int STRIPES = 4096;

    private final AtomicLongArray changes = new AtomicLongArray(STRIPES);
    private final PurgeLedger ledger;

    public KeyStamps(PurgeLedger ledger) {
        this.ledger = ledger;
    }

    /** Something changed under this key (a write, an invalidation, an eviction, an expiry). */
    public void changed(Object key) {
        changes.incrementAndGet(stripe(key));
    }

    /** The key's stamp: the ledger's records in its high half, its stripe's changes in its low half. */
    public long stamp(String key) {
        return (ledger.changes() << 32) | (changesOf(key) & 0xffffffffL);
    }

    /** The changes to the key's stripe alone: what was written under it, not what was purged. */
    public long changesOf(String key) {
        return changes.get(stripe(key));
    }

    private static int stripe(Object key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
