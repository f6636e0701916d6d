package io.gatecache.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until a test moves it ({@link #advance}, {@link #set}), so that what
 * depends on time (leases, expiry, the instants of purges) is decided by the test, not by how fast
 * the machine runs. Thread-safe; in UTC.
 */
public final class SettableClock extends Clock {

    private final AtomicLong millis;

    /** @param startMillis the epoch millis it reads until moved */
    public SettableClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** Moves the clock forward; the time it reads then. */
    public long advance(long byMillis) {
        if (byMillis < 0) {
            throw new IllegalArgumentException("a clock only moves forward: " + byMillis);
        }
        return millis.addAndGet(byMillis);
    }

    /** Sets the time it reads. */
    public void set(long epochMillis) {
        millis.set(epochMillis);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: its readings are instants, which no zone changes. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
