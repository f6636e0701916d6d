package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A follower's wait is measured by the ticker the coalescer is given: the test moves it, and sees
 * the follower re-read it, so each outcome is decided by the ticker, not by how fast threads run.
 */
class CoalescerTest {

    /** A ticker the test sets, counting how often it is read. */
    private static final class SteppedTicker implements Ticker {
        final AtomicLong now = new AtomicLong();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public long nanos() {
            reads.incrementAndGet();
            return now.get();
        }

        void setMillis(long millis) {
            now.set(TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }

    private final SteppedTicker ticker = new SteppedTicker();
    private final Coalescer coalescer = new Coalescer(ticker);
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /**
     * A follower of the key's turn, waiting in another thread, once it waits: it has read the
     * ticker twice, for its deadline and for what is left of it (a ticker moved before it read
     * its deadline would move the deadline too).
     */
    private Future<Boolean> follower(String key, long timeoutMillis) {
        Coalescer.Ticket ticket = coalescer.join(key);
        assertFalse(ticket.leader());
        int before = ticker.reads.get();
        Future<Boolean> waited = pool.submit(() -> ticket.await(timeoutMillis));
        until(() -> coalescer.waiting() == 1 && ticker.reads.get() >= before + 2);
        return waited;
    }

    /** Moves the ticker, and waits until the follower has read it again (and so decided on it). */
    private void moveTo(long millis) {
        int read = ticker.reads.get();
        ticker.setMillis(millis);
        until(() -> ticker.reads.get() > read);
    }

    @Test
    void aFollowerIsWokenWhenItsLeaderEnds() throws Exception {
        Coalescer.Ticket leader = coalescer.join("k");
        Future<Boolean> waited = follower("k", 60_000);
        coalescer.release(leader);
        assertTrue(waited.get(10, TimeUnit.SECONDS), "the leader ended within the bound");
    }

    @Test
    void aFollowerGivesUpOnceTheTickerPassesItsBound() throws Exception {
        Coalescer.Ticket leader = coalescer.join("k");
        // 5 ms of the ticker: the follower reads it again at least every 5 ms of real time
        Future<Boolean> waited = follower("k", 5);
        moveTo(4);
        assertFalse(waited.isDone(), "4 ms: still within the bound");
        ticker.setMillis(6);
        assertFalse(waited.get(10, TimeUnit.SECONDS), "6 ms: past the bound, without the leader");
        coalescer.release(leader);
    }

    @Test
    void aLeaderThatStartsLateExtendsItsFollowersWait() throws Exception {
        Coalescer.Ticket leader = coalescer.join("k");
        Future<Boolean> waited = follower("k", 5);
        // at 4 ms the leader starts its own call (it waited for another node): 5 ms more from now
        moveTo(4);
        leader.extend(5);
        moveTo(6);
        assertFalse(waited.isDone(), "past the follower's own bound, within the extension");
        coalescer.release(leader);
        assertTrue(waited.get(10, TimeUnit.SECONDS), "the leader ended within the extended bound");
    }

    @Test
    void aFollowerWhoseBoundHasPassedDoesNotWaitAtAll() {
        Coalescer.Ticket leader = coalescer.join("k");
        Coalescer.Ticket follower = coalescer.join("k");
        assertFalse(follower.await(0), "a bound of nothing: no wait");
        assertTrue(coalescer.waiting() == 0);
        coalescer.release(leader);
    }

    private static void until(BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.onSpinWait();
        }
    }
}
