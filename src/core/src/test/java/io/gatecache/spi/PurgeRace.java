package io.gatecache.spi;

import io.gatecache.core.StoredResponse;
import io.gatecache.core.purge.Ban;
import io.gatecache.spi.ResponseStore.PutOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * One hard purge of one key racing puts and reads of that key, through both nodes of a store:
 * writers put responses begun at or before the purge's instant ("old") and after it ("new"),
 * readers read, and the purge lands once every writer has put a few; the writers' last puts wait
 * for it to return, so that some are sure to come after it. Whatever the interleaving, once the
 * purge has returned
 * <ul>
 * <li>no read, through either node, returns an old response, and</li>
 * <li>every put of an old response made from then on is refused ({@code INVALIDATED}).</li>
 * </ul>
 * Each breach is reported as one line; a race without any returns none. Old and new responses
 * carry the purged tag and match the ban, so only their instants tell them apart.
 */
final class PurgeRace {

    /** The hard purges that race: each hides what began at or before it, and refuses it. */
    enum Purge {
        URL, TAG, BAN, CLEAR;

        boolean apply(ResponseStore node, String key, String tag, long at) {
            return switch (this) {
                case URL -> {
                    node.invalidate(key, at);
                    yield true;
                }
                case TAG -> node.invalidateTags(List.of(tag), at, false);
                case BAN -> node.ban(Ban.of("^" + Pattern.quote(key) + "$", null, null, at));
                case CLEAR -> node.invalidateAll(at);
            };
        }
    }

    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final int PUTS = 16;
    /** Puts each writer makes before the purge may land. */
    private static final int PUTS_BEFORE_PURGE = 4;
    /** Puts each writer makes once the purge has returned. */
    private static final int PUTS_AFTER_PURGE = 4;
    private static final long LIFESPAN_MILLIS = 3_600_000;

    private final ResponseStore[] nodes;
    private final String key;
    private final String tag;
    private final long at;
    private final Queue<String> breaches = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean purged = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final CyclicBarrier start = new CyclicBarrier(WRITERS + READERS + 1);
    private final CountDownLatch writersUnderWay = new CountDownLatch(WRITERS);
    private final CountDownLatch purgeReturned = new CountDownLatch(1);

    /**
     * @param first the node the purge goes through, and half the writers and readers
     * @param second the other node (the same store for a store on one node)
     * @param at the purge's instant: old responses began at it or up to two milliseconds before
     */
    PurgeRace(ResponseStore first, ResponseStore second, String key, String tag, long at) {
        this.nodes = new ResponseStore[] {first, second};
        this.key = key;
        this.tag = tag;
        this.at = at;
    }

    /** Runs the race to its end; the breaches of the two rules, none when it held. */
    List<String> run(Purge purge) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS + 1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(threads.submit(() -> write(writer)));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                ResponseStore node = nodes[r % 2];
                readers.add(threads.submit(() -> read(node)));
            }
            Future<?> purger = threads.submit(() -> {
                start.await();
                if (!writersUnderWay.await(1, TimeUnit.MINUTES)) {
                    throw new TimeoutException("the writers did not get under way");
                }
                if (!purge.apply(nodes[0], key, tag, at)) {
                    breaches.add(purge + " was not recorded for every node");
                }
                purged.set(true);
                purgeReturned.countDown();
                return null;
            });
            purger.get(1, TimeUnit.MINUTES);
            for (Future<?> w : writers) {
                w.get(1, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> r : readers) {
                r.get(1, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        for (ResponseStore node : nodes) {
            checkRead(node, "after the race");
        }
        return List.copyOf(breaches);
    }

    /** Puts old and new responses in turn through one node, checking the refusals due after the purge. */
    private Void write(int writer) throws InterruptedException, BrokenBarrierException, TimeoutException {
        ResponseStore node = nodes[writer % 2];
        start.await();
        for (int i = 0; i < PUTS; i++) {
            if (i == PUTS_BEFORE_PURGE) {
                writersUnderWay.countDown();
            }
            if (i == PUTS - PUTS_AFTER_PURGE && !purgeReturned.await(1, TimeUnit.MINUTES)) {
                throw new TimeoutException("the purge did not return");
            }
            boolean old = i % 2 == 0;
            long begun = old ? at - i % 3 : at + 1 + i;
            StoredResponse response = ContractResponses.tagged("writer " + writer + " put " + i, begun, tag);
            boolean afterPurge = purged.get();
            PutOutcome outcome = node.put(key, response, begun, LIFESPAN_MILLIS);
            if (old && afterPurge && outcome != PutOutcome.INVALIDATED) {
                breaches.add("a response begun at " + begun + " (purge at " + at + "), put after the purge returned: "
                        + outcome);
            }
        }
        return null;
    }

    /** Reads through one node until the writers are done, checking every read made after the purge returned. */
    private Void read(ResponseStore node) throws InterruptedException, BrokenBarrierException {
        start.await();
        boolean readAfterPurge = false;
        while ((writing.get() || !readAfterPurge) && !Thread.currentThread().isInterrupted()) {
            boolean afterPurge = purged.get();
            if (afterPurge) {
                checkRead(node, "while the writers wrote");
                readAfterPurge = true;
            } else {
                node.get(key);
            }
            // on a machine with few cores, the readers leave the writers their turns
            Thread.yield();
        }
        return null;
    }

    private void checkRead(ResponseStore node, String when) {
        for (StoredResponse r : node.get(key)) {
            if (r.requestTime() <= at) {
                breaches.add("read " + when + ": '" + ContractResponses.body(r) + "', begun at " + r.requestTime()
                        + ", at or before the purge at " + at);
            }
        }
    }
}
