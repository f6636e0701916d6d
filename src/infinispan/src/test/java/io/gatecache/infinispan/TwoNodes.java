package io.gatecache.infinispan;

import io.gatecache.core.purge.PurgeLedger;
import io.gatecache.spi.ClusterSecret;
import io.gatecache.testing.Ports;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.remoting.transport.Transport;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;

/**
 * Two nodes in this JVM, each its own cache manager started from a shipped clustered
 * configuration, joined into one cluster over real JGroups TCP on loopback (ports from
 * {@link Ports}, a static member list), sharing the cluster secret {@link #SECRET}. The stack
 * reads its system properties when a node starts, so they are set for each node in turn, and
 * cleared again.
 */
final class TwoNodes implements AutoCloseable {

    /** The secret the two nodes share ({@code gatecache.cluster.secret}). */
    static final ClusterSecret SECRET = ClusterSecret.of("the-two-nodes-secret-of-the-tests");

    final InfinispanResponseStore a;
    final InfinispanResponseStore b;
    /** The member list both nodes start with: their two ports. */
    private final String hosts;

    TwoNodes(String config, Clock clock) {
        this(config, clock, 16);
    }

    /** @param maxVariants the most variants each node keeps under a key */
    TwoNodes(String config, Clock clock, int maxVariants) {
        int pa = Ports.free();
        int pb = Ports.free();
        hosts = "127.0.0.1[" + pa + "],127.0.0.1[" + pb + "]";
        a = member(config, clock, maxVariants, stack(pa, hosts), Optional.of(SECRET));
        try {
            b = member(config, clock, maxVariants, stack(pb, hosts), Optional.of(SECRET));
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        try {
            poll(() -> a.membership().members().size() == 2 && b.membership().members().size() == 2,
                    "the two nodes join");
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    /**
     * A node alone in a cluster of its own (its own name, its own port, no other member listed),
     * started from a clustered configuration.
     */
    static InfinispanResponseStore alone(String config, Clock clock, int maxVariants) {
        return alone(() -> InfinispanResponseStore.start(config, "gatecache-responses", clock, maxVariants,
                PurgeLedger.DEFAULT_RETENTION_MILLIS, Optional.of(SECRET)));
    }

    /** A node alone in a cluster of its own, as {@code start} starts it while the stack's properties are set. */
    static <T> T alone(Supplier<T> start) {
        int port = Ports.free();
        Map<String, String> properties = stack(port, "127.0.0.1[" + port + "]");
        properties.put("gatecache.cluster.name", "gatecache-alone-" + port);
        return withProperties(properties, start);
    }

    /**
     * A third node that asks to join the two: the same configuration and cluster name, its own
     * port, and both nodes' ports in its member list, with the secret given (none, or another).
     * It returns once it has a view: its own, if the two did not let it in.
     */
    InfinispanResponseStore third(String config, Clock clock, Optional<ClusterSecret> secret) {
        int port = Ports.free();
        return member(config, clock, 16, stack(port, hosts + ",127.0.0.1[" + port + "]"), secret);
    }

    /**
     * The stack's settings for a node: its port, the member list, and, for tests, a quick join and
     * quick merges (the shipped defaults stay as they are for users).
     */
    private static Map<String, String> stack(int port, String hosts) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("jgroups.tcp.port", String.valueOf(port));
        // the failure detector above every port handed out, where it takes no other member's
        properties.put("jgroups.fd.port-offset", String.valueOf(Ports.FAILURE_DETECTOR_OFFSET));
        properties.put("jgroups.tcpping.initial_hosts", hosts);
        // the first node waits this long for an answer from the second, which is not started yet
        // (2 s shipped, for nodes that start together); the second finds the first at once
        properties.put("jgroups.join_timeout", "500ms");
        // partitions in the tests merge quickly
        properties.put("jgroups.merge.min_interval", "500ms");
        properties.put("jgroups.merge.max_interval", "1s");
        return properties;
    }

    /** Starts a node with the stack's system properties set while it starts. */
    private static InfinispanResponseStore member(String config, Clock clock, int maxVariants,
            Map<String, String> properties, Optional<ClusterSecret> secret) {
        return withProperties(properties, () -> InfinispanResponseStore.start(config, "gatecache-responses", clock,
                maxVariants, PurgeLedger.DEFAULT_RETENTION_MILLIS, secret));
    }

    private static <T> T withProperties(Map<String, String> properties, Supplier<T> start) {
        properties.forEach(System::setProperty);
        try {
            return start.get();
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    /** A node's JGroups channel. */
    static JChannel channel(InfinispanResponseStore node) {
        return ((JGroupsTransport) GlobalComponentRegistry.componentOf(node.manager(), Transport.class)).getChannel();
    }

    /** Waits until {@code done} holds, looking every 10 ms, for 60 s at most. */
    static void poll(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within 60 s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @Override
    public void close() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }
}
