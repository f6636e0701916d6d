package io.gatecache.infinispan;

/**
 * When to log what keeps happening (a store failing, messages refused): the first time, then at
 * most once an interval, each report saying how many went unlogged since the one before, so a
 * flood of them cannot flood the log. Thread-safe.
 */
final class ThrottledReport {

    private final long interval;
    private long unreported;
    private long last;
    private boolean reported;

    /** @param interval the least time between reports, in the unit of the instants given to {@link #occurred} */
    ThrottledReport(long interval) {
        this.interval = interval;
    }

    /**
     * One more occurrence, at {@code now}: how many occurred unreported since the last report,
     * when this one is to be reported; -1 when it is not (it is counted for the next).
     */
    synchronized long occurred(long now) {
        if (reported && now - last < interval) {
            unreported++;
            return -1;
        }
        long before = unreported;
        unreported = 0;
        last = now;
        reported = true;
        return before;
    }
}
