package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One page's bytes against its bound, taken from several threads at once. */
class PageBytesTest {

    @Test
    void whatFitsIsTakenAndTheFirstThatDoesNotMakesThePageOverForGood() {
        PageBytes bytes = new PageBytes(100, () -> { });
        assertTrue(bytes.take(60));
        assertTrue(bytes.take(40), "exactly the bound fits");
        assertEquals(0, bytes.room());
        assertFalse(bytes.overrun().isDone());
        assertFalse(bytes.take(1));
        assertTrue(bytes.overrun().isDone());
        assertEquals(100, bytes.held(), "nothing taken by the refusal");
        bytes.give(40);
        assertFalse(bytes.take(1), "over for good, room or not");
        assertEquals(0, bytes.room());
    }

    @Test
    void everyRefusedCallerHasTheOverrunDoneBeforeItsRefusalReturns() {
        AtomicInteger done = new AtomicInteger();
        PageBytes bytes = new PageBytes(10, done::incrementAndGet);
        assertTrue(bytes.take(10));
        assertEquals(0, done.get());
        assertFalse(bytes.take(1));
        assertEquals(1, done.get());
        assertFalse(bytes.take(1));
        assertEquals(2, done.get(), "run again for each refusal (what it does is done once)");
    }

    @Test
    void aRefusalWithoutTakingMakesItOverToo() {
        PageBytes bytes = new PageBytes(100, () -> { });
        bytes.refuse();
        assertTrue(bytes.overrun().isDone());
        assertFalse(bytes.take(1));
    }

    @Test
    void threadsTakingAtOnceNeverHoldMoreThanTheBound() throws Exception {
        // eight threads take 1,000 bytes at a time from a bound of 1,000,000 plus 500: exactly
        // 1,000 takes succeed, the 1,001st is refused, and what is held is what the takes say
        PageBytes bytes = new PageBytes(1_000_500, () -> { });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> taken = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            taken.add(threads.submit(() -> {
                go.await();
                int n = 0;
                while (bytes.take(1000)) {
                    n++;
                    assertTrue(bytes.held() <= 1_000_500);
                }
                return n;
            }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> f : taken) {
            total += f.get(10, TimeUnit.SECONDS);
        }
        threads.shutdownNow();
        assertEquals(1000, total);
        assertEquals(1_000_000, bytes.held());
        assertTrue(bytes.overrun().isDone());
    }
}
