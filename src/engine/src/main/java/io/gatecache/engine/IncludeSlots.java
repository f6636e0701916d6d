package io.gatecache.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fetches of one ESI page: at most {@code gatecache.esi.max-concurrent-includes} at once, a
 * fetch holding its slot from its request until its body is read or given up; the others wait in
 * order and start as slots free. Then the page's end ({@link #end}), after which nothing starts,
 * the fetches still waiting complete as given up, and whatever is still open (a request waiting
 * for its answer, a body being read) is closed: no fragment goes on being read for a page that
 * is answered or failed. Thread-safe: fetches complete on the origin client's threads.
 */
final class IncludeSlots {

    private static final Logger LOG = Logger.getLogger(IncludeSlots.class.getName());

    /** A fetch waiting for a slot: how to start it, what its caller waits on, what it is if never started. */
    private record Waiting<T>(Supplier<CompletableFuture<T>> fetch, CompletableFuture<T> result, T ifEnded) {
        void start(IncludeSlots slots) {
            slots.launch(fetch, result);
        }

        void giveUp() {
            result.complete(ifEnded);
        }
    }

    private final int max;
    private int running;
    private boolean ended;
    private final ArrayDeque<Waiting<?>> waiting = new ArrayDeque<>();
    private final Set<AutoCloseable> open = new HashSet<>();

    IncludeSlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one fetch at once");
        }
        this.max = max;
    }

    /**
     * Starts a fetch now when a slot is free, else when one is; its result is the fetch's (which
     * must not complete before the fetch is over: its body read or given up).
     *
     * @param ifEnded what the result is when the page ends before the fetch started
     */
    <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> fetch, T ifEnded) {
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (this) {
            if (ended) {
                result.complete(ifEnded);
                return result;
            }
            if (running >= max) {
                waiting.add(new Waiting<>(fetch, result, ifEnded));
                return result;
            }
            running++;
        }
        launch(fetch, result);
        return result;
    }

    private <T> void launch(Supplier<CompletableFuture<T>> fetch, CompletableFuture<T> result) {
        CompletableFuture<T> f;
        try {
            f = fetch.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((value, failure) -> {
            freed();
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
    }

    /** A slot is free: the next waiting fetch takes it, unless the page ended. */
    private void freed() {
        Waiting<?> next;
        synchronized (this) {
            running--;
            if (ended || waiting.isEmpty()) {
                return;
            }
            next = waiting.poll();
            running++;
        }
        next.start(this);
    }

    /**
     * Keeps something a fetch has open (its pending request, its body) to close when the page
     * ends; false when it has ended already (the caller closes it itself).
     */
    synchronized boolean hold(AutoCloseable c) {
        if (ended) {
            return false;
        }
        open.add(c);
        return true;
    }

    /** What a fetch had open is closed or done with. */
    synchronized void letGo(AutoCloseable c) {
        open.remove(c);
    }

    synchronized boolean ended() {
        return ended;
    }

    /** How many fetches hold a slot now. */
    synchronized int running() {
        return running;
    }

    /** The page is answered (or failed): nothing more starts, what waits is given up, what is open is closed. */
    void end() {
        List<Waiting<?>> gaveUp;
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            gaveUp = new ArrayList<>(waiting);
            waiting.clear();
            toClose = new ArrayList<>(open);
            open.clear();
        }
        gaveUp.forEach(Waiting::giveUp);
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "Gatecache ESI: a fragment fetch could not be closed", e);
            }
        }
    }
}
