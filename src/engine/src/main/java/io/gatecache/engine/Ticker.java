package io.gatecache.engine;

/**
 * A source of nanoseconds for measuring how long something waits (not a date: see the engine's
 * {@link java.time.Clock}). Tests pass one they step.
 */
@FunctionalInterface
public interface Ticker {

    /** The system's monotonic time ({@link System#nanoTime}). */
    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin, never going back. */
    long nanos();
}
