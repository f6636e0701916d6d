package io.gatecache.infinispan;

import java.util.List;
import org.infinispan.conflict.EntryMergePolicy;
import org.infinispan.container.entries.CacheEntry;

/**
 * How the records of the invalidations cache (and the claims of the fills cache) are merged when
 * two partitions of a cluster meet again: for each key, the entry with the latest instant wins,
 * and a record only one side has is kept. So a purge made on either side while they were apart
 * still holds after the merge; nothing a purge hid comes back. Configured as the caches'
 * {@code merge-policy}.
 */
public final class LatestInvalidationWins implements EntryMergePolicy<Object, Object> {

    @Override
    public CacheEntry<Object, Object> merge(CacheEntry<Object, Object> preferredEntry,
            List<CacheEntry<Object, Object>> otherEntries) {
        CacheEntry<Object, Object> latest = preferredEntry;
        for (CacheEntry<Object, Object> other : otherEntries) {
            if (other != null && (latest == null || later(other.getValue(), latest.getValue()))) {
                latest = other;
            }
        }
        return latest;
    }

    /** Whether {@code a} is a later instant than {@code b}; values that are no instants (claims) keep the first. */
    private static boolean later(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x > y;
        }
        return b == null && a != null;
    }
}
