package io.gatecache.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for what another thread or cluster member does in its own time (an asynchronous
 * replication, a view change, a lease kept by real time): looks again every few milliseconds until
 * it holds, and fails with what was awaited past a deadline. Never a fixed sleep.
 */
public final class Poll {

    private static final long INTERVAL_NANOS = Duration.ofMillis(5).toNanos();

    private Poll() {
    }

    /**
     * Returns once {@code done} holds.
     *
     * @throws AssertionError when it does not within {@code deadline}, naming {@code what}
     */
    public static void until(BooleanSupplier done, Duration deadline, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + deadline.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
    }
}
