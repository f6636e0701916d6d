package io.gatecache.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes one ESI page holds while it is assembled, against {@code gatecache.esi.max-bytes}:
 * its markup's text, the fresh stored fragments it takes, the bytes of fetched fragments as they
 * are read (pages nested in it from the store count in the same total). Each is taken before it
 * is kept; the first that would take the page past the bound is refused, and the page is then
 * over for good ({@link #overrun}), whoever asks next. Thread-safe: fragments are read on other
 * threads than the page's.
 */
final class PageBytes {

    private final long max;
    private final Runnable whenOver;
    private final AtomicLong held = new AtomicLong();
    private final CompletableFuture<Void> overrun = new CompletableFuture<>();

    /**
     * @param whenOver what is done when the page is over (at least once, idempotent): run by every
     *        refused caller before its refusal returns, so that whatever follows a refusal on its
     *        thread (a fetch slot freed, say) sees it done
     */
    PageBytes(long max, Runnable whenOver) {
        this.max = max;
        this.whenOver = whenOver;
    }

    /** The bytes taken and not given back. */
    long held() {
        return held.get();
    }

    /** How many more bytes the page may take now (0 once it is over). */
    long room() {
        return overrun.isDone() ? 0 : Math.max(0, max - held.get());
    }

    /**
     * Takes {@code n} bytes: true when the page still holds at most the bound with them; false
     * (nothing taken, and the page over) when it would not, or was over already.
     */
    boolean take(long n) {
        while (!overrun.isDone()) {
            long now = held.get();
            if (now + n > max) {
                break;
            }
            if (held.compareAndSet(now, now + n)) {
                return true;
            }
        }
        refuse();
        return false;
    }

    /** Gives back bytes taken for what the page will not keep (a fragment that failed half read). */
    void give(long n) {
        held.addAndGet(-n);
    }

    /** Marks the page over without taking anything (a fragment said it is larger than the room left). */
    void refuse() {
        overrun.complete(null);
        whenOver.run();
    }

    /** Completes, once, when the page went over the bound. */
    CompletableFuture<Void> overrun() {
        return overrun;
    }
}
