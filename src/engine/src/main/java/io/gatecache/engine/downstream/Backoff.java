package io.gatecache.engine.downstream;

/**
 * How long a purge server is left alone after a failed send: doubling from the first pause, up to
 * the longest; and how it is waited (a thread's sleep, or a test's record).
 *
 * @param retries how many times a failed request is sent again ({@code gatecache.purge.servers.retries})
 * @param firstMillis the pause after the first failure
 * @param longestMillis the longest pause
 */
public record Backoff(int retries, long firstMillis, long longestMillis) {

    /** The pause after the failure numbered {@code failure} (0 for the first). */
    public long pauseMillis(int failure) {
        long pause = firstMillis;
        for (int i = 0; i < failure && pause < longestMillis; i++) {
            pause *= 2;
        }
        return Math.min(pause, longestMillis);
    }

    /** Waits a pause; interrupted when the queue closes. */
    public interface Pauses {
        void pause(long millis) throws InterruptedException;

        /** The calling thread sleeps. */
        Pauses SLEEP = Thread::sleep;
    }
}
