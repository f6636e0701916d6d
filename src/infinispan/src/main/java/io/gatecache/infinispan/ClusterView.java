package io.gatecache.infinispan;

import io.gatecache.spi.StoreStatus.Membership;
import java.util.List;
import java.util.Set;
import org.infinispan.Cache;
import org.infinispan.distribution.DistributionManager;
import org.infinispan.distribution.LocalizedCacheTopology;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.remoting.transport.Address;
import org.infinispan.topology.CacheTopology;

/**
 * This node's view of the cluster sharing a clustered store, as its cache manager sees it: the
 * members, the coordinator, whether this node's partition may use the store, and whether this
 * node's part of the store is settled in the view.
 */
final class ClusterView {

    private final StoreCaches caches;
    private final PurgeRecords records;
    private final StoreFailures failures;
    /** How the store is shared, as configured (fixed for the caches' life). */
    private final Membership.Mode mode;

    ClusterView(StoreCaches caches, PurgeRecords records, StoreFailures failures) {
        this.caches = caches;
        this.records = records;
        this.failures = failures;
        this.mode = caches.mode().isReplicated() ? Membership.Mode.REPLICATED : Membership.Mode.DISTRIBUTED;
    }

    /** The view now; a view that cannot be read is of no member, its availability unknown, not settled. */
    Membership membership() {
        DefaultCacheManager manager = caches.manager();
        try {
            List<Address> members = manager.getMembers();
            return new Membership(String.valueOf(manager.getAddress()),
                    members == null ? List.of() : members.stream().map(String::valueOf).toList(),
                    String.valueOf(manager.getCoordinator()), mode,
                    availability(caches.responses().getAdvancedCache().getAvailability()), settled(members));
        } catch (RuntimeException e) {
            failures.failed("read the cluster view", e);
            // a clustered store that cannot say where it stands is not settled
            return new Membership("unknown", List.of(), "unknown", mode, Membership.Availability.UNKNOWN, false);
        }
    }

    private static Membership.Availability availability(AvailabilityMode mode) {
        if (mode == null) {
            return Membership.Availability.UNKNOWN;
        }
        return switch (mode) {
            case AVAILABLE -> Membership.Availability.AVAILABLE;
            case DEGRADED_MODE -> Membership.Availability.DEGRADED;
        };
    }

    /**
     * Whether every member of the view holds its share of each of the store's caches, with no
     * state moving, and the ledger was read again after the invalidations cache's last topology
     * change (see {@link PurgeRecords#caughtUp}).
     */
    private boolean settled(List<Address> view) {
        if (view == null) {
            return false;
        }
        Set<Address> members = Set.copyOf(view);
        for (Cache<String, ?> c : caches.all()) {
            DistributionManager distribution = c.getAdvancedCache().getDistributionManager();
            if (distribution == null) {
                continue;
            }
            LocalizedCacheTopology topology = distribution.getCacheTopology();
            if (distribution.isRehashInProgress() || topology.getPhase() != CacheTopology.Phase.NO_REBALANCE
                    || !Set.copyOf(topology.getMembers()).equals(members)) {
                return false;
            }
        }
        return records.caughtUp();
    }
}
