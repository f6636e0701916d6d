package io.gatecache.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers and cluster members the tests start, below the range the OS hands out for
 * outgoing connections (so no client socket of this or another process takes one between the
 * check and the server's bind), free when handed out, and never handed out twice in one JVM.
 */
public final class Ports {

    /** The lowest port handed out. */
    static final int LOWEST = 10_000;
    /**
     * Room kept below the ephemeral range for the ports a server derives from its own (JGroups'
     * failure detector listens 100 above its member's port, on one of the next five).
     */
    static final int DERIVED = 1_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A port no socket is bound to on any address now, outside the ephemeral range. */
    public static int free() {
        int highest = ephemeralStart() - 1 - DERIVED;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = random.nextInt(LOWEST, highest + 1);
            if (GIVEN.add(port)) {
                if (bindable(port)) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + highest);
    }

    /** The first port of the OS's ephemeral range (Linux reads it from procfs; IANA's 49152 elsewhere). */
    static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return Math.max(start, LOWEST + DERIVED + 1_000);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
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
