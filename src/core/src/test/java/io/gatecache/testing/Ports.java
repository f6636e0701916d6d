package io.gatecache.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers and cluster members the tests start, free when handed out, and never
 * handed out twice in one JVM. The build's ports are laid out so that no server or member can
 * find its port taken by another's derived port:
 * <ul>
 * <li>10,000 to 19,999: the ports handed out, here and by the build (its reserved ports, the
 * Payara Server domain's base), below the range the OS hands out for outgoing connections; each
 * integration module has a share of its own, since they run side by side and none knows the
 * ports another handed out but has not bound yet (see docs/testing.md);</li>
 * <li>20,000 to 30,105: the failure detectors of the test cluster members, which listen
 * {@link #FAILURE_DETECTOR_OFFSET} above their member's port (on one of the next six): nothing
 * else is handed a port there.</li>
 * </ul>
 * (With JGroups' shipped offset, 100, a member's failure detector could take the port just
 * handed to the next member, which then could not start.)
 * <p>
 * A module whose tests run in several JVMs side by side ({@code gatecache.ports.shares}) splits its
 * share into that many equal parts: each JVM takes the first part no other JVM holds, by a lock on a
 * file in {@code gatecache.ports.locks} that it holds until it ends, so that none hands out a port
 * another has handed out but not bound yet.
 */
public final class Ports {

    /**
     * The lowest port handed out: 10,000, or the module's own share of the range
     * ({@code gatecache.ports.lowest}), since the integration modules run side by side and each
     * allocates its ports in its own JVM.
     */
    static final int LOWEST = Integer.getInteger("gatecache.ports.lowest", 10_000);
    /** The highest port handed out: 19,999, or the module's own share's ({@code gatecache.ports.highest}). */
    static final int HIGHEST = Integer.getInteger("gatecache.ports.highest", 19_999);
    /**
     * How far above its member's port a test cluster member's failure detector listens
     * ({@code jgroups.fd.port-offset}): above every port handed out.
     */
    public static final int FAILURE_DETECTOR_OFFSET = 10_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();
    /** The lock on this JVM's part of the share, when it has one: held (open) until the JVM ends. */
    private static FileChannel part;
    /** The lowest and highest port this JVM hands out: the share, or its part of it. */
    private static final int[] RANGE = range();

    private Ports() {
    }

    /**
     * A port no socket is bound to on any address now, between {@link #LOWEST} and {@link #HIGHEST}
     * (in this JVM's part of that share, when it is split).
     */
    public static int free() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = random.nextInt(RANGE[0], RANGE[1] + 1);
            if (GIVEN.add(port)) {
                if (bindable(port)) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free port between " + RANGE[0] + " and " + RANGE[1]);
    }

    /** The share, or, split among {@code gatecache.ports.shares} JVMs, the first part no other JVM holds. */
    private static int[] range() {
        int parts = Integer.getInteger("gatecache.ports.shares", 1);
        if (parts <= 1) {
            return new int[] {LOWEST, HIGHEST};
        }
        Path locks = Path.of(System.getProperty("gatecache.ports.locks", "target/ports"));
        int size = (HIGHEST - LOWEST + 1) / parts;
        try {
            Files.createDirectories(locks);
            for (int i = 0; i < parts; i++) {
                FileChannel channel = FileChannel.open(locks.resolve("share-" + i + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                if (channel.tryLock() != null) {
                    part = channel;
                    return new int[] {LOWEST + i * size, LOWEST + (i + 1) * size - 1};
                }
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("all " + parts + " parts of the ports " + LOWEST + " to " + HIGHEST
                + " are held by other JVMs (" + locks + ")");
    }

    private static boolean bindable(int port) {
        try (ServerSocket any = new ServerSocket()) {
            any.setReuseAddress(false);
            // the wildcard address: taken if any address has the port
            any.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
