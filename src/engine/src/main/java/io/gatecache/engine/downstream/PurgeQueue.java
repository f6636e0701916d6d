package io.gatecache.engine.downstream;

import io.gatecache.core.downstream.DownstreamPurge;
import io.gatecache.core.downstream.OutboundRequest;
import io.gatecache.core.downstream.PurgeCalls;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The purges waiting for one server, sent by a thread of their own, so that no purge waits on the
 * thread that made it (a commit, a request). A purge waits {@link #LINGER_MILLIS} for others, and
 * what is waiting then is sent as one batch ({@link PurgeCalls}). A request that fails is sent again after a pause, a few
 * times ({@link Backoff}); then it is counted as failed, and the server is owed a purge of
 * everything. So is a purge that finds the queue full: it is dropped, and counted. A purge of
 * everything owed is sent before anything else, in place of everything waiting (all made before
 * it), and again after a pause until the server takes it; purges made meanwhile are not queued,
 * as it covers them. Nothing stays stale there without a purge of everything on its way.
 */
final class PurgeQueue implements Runnable {

    private static final Logger LOG = Logger.getLogger(PurgeQueue.class.getName());
    /** The most purges sent as one batch. */
    static final int BATCH = 1000;
    /**
     * How long a purge waits for others to go with it (the purges of one commit, of a burst of
     * edits): fewer, fuller requests, at the cost of this much delay downstream.
     */
    static final long LINGER_MILLIS = 50;

    private final URI server;
    private final PurgeCalls calls;
    private final PurgeSender sender;
    private final Backoff backoff;
    private final Backoff.Pauses pauses;
    private final DownstreamCounters counters;
    private final BlockingQueue<DownstreamPurge> waiting;
    private final AtomicBoolean owesEverything = new AtomicBoolean();
    /** Whether the owed purge of everything is being sent now (still owed until the server takes it). */
    private volatile boolean sendingEverything;
    /** Purges queued and not yet sent, failed or replaced (those being sent included). */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean open = true;
    /** Whether the last request failed (a warning is logged when it starts failing, and when it recovers). */
    private boolean failing;
    /** Failed tries of the owed purge of everything in a row, for its pause. */
    private int everythingFailures;

    PurgeQueue(URI server, PurgeCalls calls, PurgeSender sender, int capacity, Backoff backoff, Backoff.Pauses pauses,
            DownstreamCounters counters) {
        this.server = server;
        this.calls = calls;
        this.sender = sender;
        this.backoff = backoff;
        this.pauses = pauses;
        this.counters = counters;
        this.waiting = new ArrayBlockingQueue<>(capacity);
    }

    URI server() {
        return server;
    }

    /**
     * Queues a purge, never waiting: a full queue drops it, and owes the server a purge of
     * everything. While one is owed (and not being sent yet), the purge is not queued at all: the
     * purge of everything, sent after it was made, covers it (a server that is down holds no
     * queue).
     */
    void offer(DownstreamPurge purge) {
        if (owesEverything.get()) {
            return;
        }
        pending.incrementAndGet();
        if (!waiting.offer(purge)) {
            pending.decrementAndGet();
            counters.dropped.increment();
            owesEverything.set(true);
        }
    }

    /** Purges queued and not yet sent, failed or replaced. */
    int pending() {
        return pending.get();
    }

    /** Whether nothing is waiting, being sent or owed. */
    boolean idle() {
        return pending.get() == 0 && !owesEverything();
    }

    /** Whether a purge of everything is owed (being sent, or waiting to be). */
    boolean owesEverything() {
        return sendingEverything || owesEverything.get();
    }

    /** Stops taking purges; the thread sends what is waiting, once each, and ends. */
    void close() {
        open = false;
    }

    @Override
    public void run() {
        try {
            while (open || !waiting.isEmpty()) {
                try {
                    step(TimeUnit.SECONDS.toMillis(1));
                } catch (RuntimeException e) {
                    // whatever went wrong, the thread goes on, and what it was sending is replaced
                    owesEverything.set(true);
                    LOG.log(Level.WARNING, "Gatecache: sending purges to " + server + " failed", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = waiting.size() + (owesEverything.get() ? 1 : 0);
        if (left > 0) {
            LOG.warning("Gatecache: " + left + " purges for " + server + " were not sent: the application stopped first");
        }
    }

    /**
     * One turn: the owed purge of everything (after its pause), or the batch of what waits (after
     * waiting up to {@code waitMillis} for something).
     */
    void step(long waitMillis) throws InterruptedException {
        if (owesEverything.get()) {
            sendingEverything = true;
            try {
                owesEverything.set(false);
                List<DownstreamPurge> covered = new ArrayList<>();
                waiting.drainTo(covered);
                pending.addAndGet(-covered.size());
                if (deliver(calls.everything())) {
                    counters.everything.increment();
                    everythingFailures = 0;
                    return;
                }
                // still owed: deliver said so as it failed
            } finally {
                sendingEverything = false;
            }
            if (open) {
                pauses.pause(backoff.pauseMillis(everythingFailures++));
            }
            return;
        }
        DownstreamPurge first = waiting.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        List<DownstreamPurge> batch = new ArrayList<>();
        batch.add(first);
        if (open) {
            pauses.pause(LINGER_MILLIS);
        }
        waiting.drainTo(batch, BATCH - 1);
        try {
            for (OutboundRequest r : calls.of(batch)) {
                if (!deliver(r)) {
                    return; // owed a purge of everything in place of the rest
                }
            }
        } finally {
            pending.addAndGet(-batch.size());
        }
    }

    /**
     * Sends one request, again after a pause when it fails, up to the retries; whether the server
     * took it. A refusal (4xx) is not tried again: the same request would be refused again. A
     * request that failed leaves the server owed a purge of everything, owed before the failure is
     * counted, so whoever reads the count sees the debt.
     */
    private boolean deliver(OutboundRequest r) throws InterruptedException {
        int attempts = open ? backoff.retries() + 1 : 1;
        String why = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                counters.retried.increment();
                pauses.pause(backoff.pauseMillis(attempt - 1));
            }
            try {
                int status = sender.send(server, r);
                if (status >= 200 && status < 300) {
                    counters.sent.increment();
                    if (failing) {
                        failing = false;
                        LOG.info(() -> "Gatecache: purge server " + server + " takes purges again");
                    }
                    return true;
                }
                why = "status " + status;
                if (status >= 400 && status < 500) {
                    attempts = attempt + 1;
                    break;
                }
            } catch (IOException e) {
                why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (RuntimeException e) {
                // a request the client cannot send (a field it refuses): never tried again
                why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                attempts = attempt + 1;
                break;
            }
        }
        owesEverything.set(true);
        counters.failed.increment();
        String reason = why;
        int tried = attempts;
        Level level = failing ? Level.FINE : Level.WARNING;
        failing = true;
        LOG.log(level, () -> "Gatecache: purge server " + server + " did not take " + r.describe() + " (" + reason
                + ", " + tried + " attempts): a purge of everything is sent to it in place of what it missed");
        return false;
    }
}
