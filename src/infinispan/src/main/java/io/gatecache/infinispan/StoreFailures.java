package io.gatecache.infinispan;

import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The failures of one store, each read as "nothing stored": counted, and logged with its cause at
 * most once a minute, in between counted, so the next report says how many there were, whether
 * or not the store answered meanwhile. Logged as the store ({@link InfinispanResponseStore}).
 */
final class StoreFailures {

    private static final Logger LOG = Logger.getLogger(InfinispanResponseStore.class.getName());
    /** How often a store that keeps failing is reported, at most. */
    static final long REPORT_INTERVAL_MILLIS = 60_000;

    private final Clock clock;
    private final LongAdder failures = new LongAdder();
    private volatile boolean failing;
    private final ThrottledReport reports = new ThrottledReport(REPORT_INTERVAL_MILLIS);

    StoreFailures(Clock clock) {
        this.clock = clock;
    }

    /** Counts a failure to do {@code what}, and logs it unless one was logged less than a minute ago. */
    void failed(String what, RuntimeException e) {
        failures.increment();
        failing = true;
        long count = reports.occurred(clock.millis());
        if (count < 0) {
            LOG.log(Level.FINE, "Gatecache store failed to " + what, e);
        } else if (count == 0) {
            LOG.log(Level.WARNING, "Gatecache store failed to " + what + "; requests go to the origin", e);
        } else {
            LOG.log(Level.WARNING, "Gatecache store failed to " + what + " (and " + count
                    + " more times since the last report); requests go to the origin", e);
        }
    }

    /** Notes that the store answered, logging it once after failures. */
    void recovered() {
        if (failing) {
            failing = false;
            LOG.fine("Gatecache store answers again");
        }
    }

    /** How many failures since the start. */
    long count() {
        return failures.sum();
    }
}
