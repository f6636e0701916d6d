package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One page's fetch slots: so many at once, the rest in order, and the page's end. */
class IncludeSlotsTest {

    /** Fetches the test completes itself, counting how many were started. */
    private final List<CompletableFuture<String>> started = new ArrayList<>();

    private CompletableFuture<String> fetch() {
        CompletableFuture<String> f = new CompletableFuture<>();
        started.add(f);
        return f;
    }

    @Test
    void aWaitingFetchStartsWhenAStartedOneEndsInOrder() {
        IncludeSlots slots = new IncludeSlots(2);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(slots.start(this::fetch, "given up"));
        }
        assertEquals(2, started.size());
        assertEquals(2, slots.running());
        started.get(1).complete("b");
        assertEquals(3, started.size(), "the third took the freed slot");
        assertEquals("b", results.get(1).join());
        started.get(0).completeExceptionally(new IllegalStateException("failed"));
        assertEquals(4, started.size(), "a failed fetch frees its slot too");
        assertTrue(results.get(0).isCompletedExceptionally());
        started.get(2).complete("c");
        started.get(3).complete("d");
        assertEquals("c", results.get(2).join());
        assertEquals("d", results.get(3).join());
        assertEquals(0, slots.running());
    }

    @Test
    void theEndGivesUpWhatWaitsClosesWhatIsOpenAndStartsNothingMore() throws Exception {
        IncludeSlots slots = new IncludeSlots(1);
        CompletableFuture<String> first = slots.start(this::fetch, "given up");
        CompletableFuture<String> second = slots.start(this::fetch, "given up");
        AtomicInteger closed = new AtomicInteger();
        assertTrue(slots.hold(closed::incrementAndGet));
        AutoCloseable letGo = closed::incrementAndGet;
        assertTrue(slots.hold(letGo));
        slots.letGo(letGo);

        slots.end();
        assertTrue(slots.ended());
        assertEquals("given up", second.join());
        assertEquals(1, closed.get(), "what was held is closed, what was let go is not");
        assertEquals(1, started.size());
        started.get(0).complete("late");
        assertEquals("late", first.join(), "a fetch going ends as it ends");
        assertEquals(1, started.size(), "its slot goes to no one");
        assertEquals("given up", slots.start(this::fetch, "given up").join());
        AtomicBoolean after = new AtomicBoolean();
        assertFalse(slots.hold(() -> after.set(true)), "nothing is held after the end: the caller closes it");
        slots.end();
        assertEquals(1, closed.get(), "ended once");
    }
}
