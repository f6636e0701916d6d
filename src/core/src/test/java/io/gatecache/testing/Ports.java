package io.gatecache.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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

    private Ports() {
    }

    /** A port no socket is bound to on any address now, between {@link #LOWEST} and {@link #HIGHEST}. */
    public static int free() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = random.nextInt(LOWEST, HIGHEST + 1);
            if (GIVEN.add(port)) {
                if (bindable(port)) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
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
