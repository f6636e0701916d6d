package io.gatecache.engine.downstream;

import io.gatecache.core.downstream.DownstreamPurge;
import io.gatecache.core.downstream.PurgeCalls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies and CDNs in front ({@code gatecache.purge.servers}): every purge made here goes to
 * each, on a thread of its own per server ({@link PurgeQueue}), never on the thread that made it.
 */
public final class PurgeServers implements AutoCloseable {

    /** No servers: purges stay here. */
    public static final PurgeServers NONE = new PurgeServers(List.of(), List.of());

    private final List<PurgeQueue> queues;
    private final List<Thread> threads;

    private PurgeServers(List<PurgeQueue> queues, List<Thread> threads) {
        this.queues = queues;
        this.threads = threads;
    }

    /**
     * Starts a queue and its thread per server.
     *
     * @param capacity the most purges waiting for one server ({@code gatecache.purge.servers.queue})
     */
    public static PurgeServers start(List<URI> servers, PurgeCalls calls, PurgeSender sender, int capacity,
            Backoff backoff, Backoff.Pauses pauses, DownstreamCounters counters) {
        List<PurgeQueue> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (URI server : servers) {
            PurgeQueue q = new PurgeQueue(server, calls, sender, capacity, backoff, pauses, counters);
            Thread t = new Thread(q, "gatecache-purge " + server.getHost() + ":" + server.getPort());
            t.setDaemon(true);
            queues.add(q);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        return new PurgeServers(List.copyOf(queues), List.copyOf(threads));
    }

    /** Whether purges go anywhere. */
    public boolean any() {
        return !queues.isEmpty();
    }

    /** Queues a purge for every server; returns at once. */
    public void send(DownstreamPurge purge) {
        for (PurgeQueue q : queues) {
            q.offer(purge);
        }
    }

    /** Whether every server has been sent what was queued for it (nothing waiting, no purge of everything owed). */
    public boolean idle() {
        return queues.stream().allMatch(PurgeQueue::idle);
    }

    /** Purges queued for a server and not yet sent, failed or replaced, over every server. */
    public long pending() {
        return queues.stream().mapToLong(PurgeQueue::pending).sum();
    }

    /** The servers owed a purge of everything, which they are sent until they take it. */
    public List<URI> owingEverything() {
        return queues.stream().filter(PurgeQueue::owesEverything).map(PurgeQueue::server).toList();
    }

    /** Sends what is waiting, once each, within a few seconds, and ends the threads. */
    @Override
    public void close() {
        queues.forEach(PurgeQueue::close);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        for (Thread t : threads) {
            try {
                long left = deadline - System.nanoTime();
                t.join(Math.max(1, left / 1_000_000));
                t.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                threads.forEach(Thread::interrupt);
                return;
            }
        }
    }
}
