package io.gatecache.it.app;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The test server's heap while a test runs, and the gate of its big fragments. The heap: a
 * baseline in use after a full collection, then the most in use after any collection while the
 * watch runs (as each collection reports it, young ones included, and the full ones a test asks
 * for), summed over the heap's pools: what was held, not what was garbage. The gate: how many big
 * fragments started, and a point each one stops at until the test lets them all go.
 */
public final class HeapWatch {

    /** The type of the notification a collector sends after each collection (com.sun.management's). */
    private static final String COLLECTED = "com.sun.management.gc.notification";

    private static final AtomicLong BASELINE = new AtomicLong();
    private static final AtomicLong PEAK = new AtomicLong();
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();
    private static final AtomicInteger STARTED = new AtomicInteger();
    private static volatile CountDownLatch stalled = new CountDownLatch(0);
    private static volatile CountDownLatch release = new CountDownLatch(0);
    private static final NotificationListener LISTENER = HeapWatch::collected;
    private static final Set<String> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    private HeapWatch() {
    }

    /** Starts watching: a full collection, its heap in use as the baseline; {@code stalls} fragments to wait for. */
    public static synchronized long start(int stalls) {
        stop();
        STARTED.set(0);
        stalled = new CountDownLatch(stalls);
        release = new CountDownLatch(1);
        long base = collectFully();
        BASELINE.set(base);
        PEAK.set(base);
        COLLECTIONS.set(0);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(LISTENER, null, null);
            }
        }
        return base;
    }

    /** A full collection now; the heap in use after it (also counted as the watch's). */
    public static long sample() {
        long used = collectFully();
        PEAK.accumulateAndGet(used, Math::max);
        return used;
    }

    /** Waits until the fragments to wait for stopped at their point; true when they all did. */
    public static boolean awaitStalled(long seconds) throws InterruptedException {
        return stalled.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets every stopped fragment go on. */
    public static void release() {
        release.countDown();
    }

    /** Stops watching; what it saw, as {@code baseline peak collections started}. */
    public static synchronized String report() {
        stop();
        release();
        return BASELINE.get() + " " + PEAK.get() + " " + COLLECTIONS.get() + " " + STARTED.get();
    }

    /** How many big fragments started since the watch did. */
    public static int started() {
        return STARTED.get();
    }

    /** A big fragment started. */
    static void fragmentStarted() {
        STARTED.incrementAndGet();
    }

    /** A big fragment is at its stop: it waits until released (at most a minute). */
    static void fragmentAtStop() throws InterruptedException {
        stalled.countDown();
        release.await(60, TimeUnit.SECONDS);
    }

    private static void stop() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(LISTENER);
                } catch (ListenerNotFoundException notListening) {
                    // not watching
                }
            }
        }
    }

    private static long collectFully() {
        ManagementFactory.getMemoryMXBean().gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A collection's report: the heap's pools in use after it. */
    private static void collected(Notification n, Object handback) {
        if (!COLLECTED.equals(n.getType()) || !(n.getUserData() instanceof CompositeData info)) {
            return;
        }
        CompositeData gcInfo = (CompositeData) info.get("gcInfo");
        TabularData after = (TabularData) gcInfo.get("memoryUsageAfterGc");
        long used = 0;
        for (Object row : after.values()) {
            CompositeData pool = (CompositeData) row;
            if (HEAP.contains((String) pool.get("key"))) {
                used += MemoryUsage.from((CompositeData) pool.get("value")).getUsed();
            }
        }
        COLLECTIONS.incrementAndGet();
        PEAK.accumulateAndGet(used, Math::max);
    }
}
