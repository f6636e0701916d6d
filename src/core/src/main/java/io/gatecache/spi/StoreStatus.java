package io.gatecache.spi;

import java.util.List;

/**
 * What a store says of itself, for the management view and the health check, off the request
 * path: how much it holds, whether it answers, and the nodes it is shared with. Like the rest of
 * a {@link ResponseStore}, it never throws.
 */
public interface StoreStatus {

    /** The number of keys stored (an estimate for a clustered store). */
    long size();

    /** The bytes this node's part of the store holds, as the store estimates them; -1 when it does not count them. */
    default long bytes() {
        return -1;
    }

    /** The entries this node's part of the store evicted to stay within its bounds, since the start. */
    default long evictions() {
        return 0;
    }

    /** How many store operations failed since the start (they read as "nothing stored"). */
    default long failures() {
        return 0;
    }

    /** Whether the store answers now (it may ask itself, cheaply, to find out). */
    default boolean healthy() {
        return true;
    }

    /** The nodes sharing the store, as this node sees them: this node alone for a local store. */
    default Membership membership() {
        return Membership.LOCAL;
    }

    /**
     * A view of the nodes sharing a store.
     *
     * @param node this node's name
     * @param members every node in this node's view, this one included
     * @param coordinator the node that coordinates the view
     * @param mode how the store is shared
     * @param availability whether this node's partition may read and write
     * @param settled whether this node's part of the store is in step with the view: every member
     *        of the view holds its share of the store (no state still moving between nodes), and
     *        the purges recorded elsewhere are in force here. A node that just joined, or whose
     *        partition just merged, is not settled until then.
     */
    record Membership(String node, List<String> members, String coordinator, Mode mode, Availability availability,
            boolean settled) {

        /** A store no other node shares. */
        public static final Membership LOCAL = new Membership("local", List.of("local"), "local", Mode.LOCAL,
                Availability.AVAILABLE, true);

        public Membership {
            members = List.copyOf(members);
        }

        /** {@code coordinator} when this node coordinates the view, else {@code member}. */
        public String role() {
            return node.equals(coordinator) ? "coordinator" : "member";
        }

        /** How a store is shared between nodes. */
        public enum Mode {
            /** No other node shares it. */
            LOCAL,
            /** Every node holds every entry. */
            REPLICATED,
            /** Each entry is held by some of the nodes, its owners. */
            DISTRIBUTED
        }

        /** Whether this node's partition of the cluster may use the store. */
        public enum Availability {
            /** It may read and write every entry. */
            AVAILABLE,
            /** It may not read or write every entry: too few of the owners are in its view. */
            DEGRADED,
            /** The store cannot say (it failed to read its cluster view). */
            UNKNOWN
        }
    }
}
