package io.gatecache.infinispan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Two nodes in this JVM, each its own cache manager started from a shipped clustered
 * configuration, joined into one cluster over real JGroups TCP on loopback (free ports, a static
 * member list). The stack reads its system properties when a node starts, so they are set for
 * each node in turn.
 */
final class TwoNodes implements AutoCloseable {

    private static final List<String> PROPERTIES = List.of("jgroups.tcp.port", "jgroups.tcpping.initial_hosts",
            "jgroups.merge.min_interval", "jgroups.merge.max_interval");

    final InfinispanResponseStore a;
    final InfinispanResponseStore b;

    TwoNodes(String config, Clock clock) {
        try {
            // partitions in the tests merge quickly
            System.setProperty("jgroups.merge.min_interval", "500ms");
            System.setProperty("jgroups.merge.max_interval", "1s");
            int pa = freePort();
            int pb = freePort();
            String hosts = "127.0.0.1[" + pa + "],127.0.0.1[" + pb + "]";
            a = node(config, clock, pa, hosts);
            b = node(config, clock, pb, hosts);
        } finally {
            PROPERTIES.forEach(System::clearProperty);
        }
        try {
            poll(() -> a.membership().members().size() == 2 && b.membership().members().size() == 2,
                    "the two nodes join");
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
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

    private static InfinispanResponseStore node(String config, Clock clock, int port, String hosts) {
        System.setProperty("jgroups.tcp.port", String.valueOf(port));
        System.setProperty("jgroups.tcpping.initial_hosts", hosts);
        return InfinispanResponseStore.start(config, "gatecache-responses", clock, 16);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
