package io.gatecache.engine.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.downstream.DownstreamPurge;
import io.gatecache.core.downstream.OutboundRequest;
import io.gatecache.core.downstream.PurgeCalls;
import io.gatecache.core.downstream.PurgeServerKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One server's queue, turn by turn, with a server that answers as told and pauses that are
 * recorded, not waited: batching, retries with a doubling pause, a failure counted and replaced by
 * a purge of everything, a full queue likewise.
 */
class PurgeQueueTest {

    private static final URI SERVER = URI.create("http://127.0.0.1:1");

    /** A server answering each request with the next scripted status (200 once the script ends), or failing to connect for 0. */
    private static final class ScriptedServer implements PurgeSender {
        final Deque<Integer> script = new ArrayDeque<>();
        final List<OutboundRequest> received = new ArrayList<>();

        @Override
        public int send(URI server, OutboundRequest request) throws IOException {
            received.add(request);
            int status = script.isEmpty() ? 200 : script.poll();
            if (status == 0) {
                throw new ConnectException("Connection refused");
            }
            return status;
        }
    }

    private final ScriptedServer server = new ScriptedServer();
    private final List<Long> pauses = new ArrayList<>();
    private final DownstreamCounters counters = new DownstreamCounters();

    private PurgeQueue queue(int capacity) {
        return new PurgeQueue(SERVER, new PurgeCalls(PurgeServerKind.VARNISH_XKEY, true, 7500, null, null), server,
                capacity, new Backoff(3, 100, 10_000), pauses::add, counters);
    }

    private static DownstreamPurge tags(String... tags) {
        return new DownstreamPurge.ByTags(Set.of(tags));
    }

    @Test
    void whatWaitsIsSentAsOneBatch() throws InterruptedException {
        PurgeQueue q = queue(10);
        q.offer(tags("c55", "l22"));
        q.offer(tags("l22", "l20"));
        q.step(0);
        assertEquals(1, server.received.size());
        assertEquals("c55 l20 l22", server.received.get(0).field("xkey-softpurge"));
        assertTrue(q.idle());
        assertEquals(1, counters.sent());
    }

    @Test
    void aFailedSendIsRetriedAfterDoublingPausesThenCountedAndReplacedByAPurgeOfEverything() throws InterruptedException {
        PurgeQueue q = queue(10);
        server.script.addAll(List.of(0, 503, 0, 500));
        q.offer(tags("c55"));
        q.step(0);
        assertEquals(4, server.received.size(), "the first try and three retries");
        assertEquals(List.of(PurgeQueue.LINGER_MILLIS, 100L, 200L, 400L), pauses,
                "the purge waited for others to go with it, then the pauses between tries doubled");
        assertEquals(3, counters.retried());
        assertEquals(1, counters.failed());
        assertTrue(q.owesEverything());

        q.offer(tags("c57"));
        assertTrue(q.idle() == false && q.pending() == 0, "not queued: the purge of everything owed covers it");
        q.step(0);
        OutboundRequest everything = server.received.get(4);
        assertEquals("BAN", everything.method());
        assertEquals(".*", everything.field("X-Url"));
        assertEquals(5, server.received.size(), "nothing but the purge of everything");
        assertFalse(q.owesEverything());
        assertEquals(1, counters.everything());
        assertTrue(q.idle());
    }

    @Test
    void aPurgeOfEverythingOwedIsTriedAgainAfterLongerPausesUntilTheServerTakesIt() throws InterruptedException {
        PurgeQueue q = queue(10);
        server.script.addAll(List.of(0, 0, 0, 0)); // the purge: every attempt fails
        q.offer(tags("c55"));
        q.step(0);
        pauses.clear();
        for (int i = 0; i < 3; i++) {
            server.script.addAll(List.of(0, 0, 0, 0));
            q.step(0);
            assertTrue(q.owesEverything());
        }
        assertEquals(List.of(100L, 200L, 400L, 100L, 100L, 200L, 400L, 200L, 100L, 200L, 400L, 400L), pauses,
                "each try's retries, then the pause before the next try, doubling");
        q.step(0);
        assertFalse(q.owesEverything(), "taken at last");
        assertEquals(1, counters.everything());
    }

    @Test
    void aPurgeThatFindsTheQueueFullIsDroppedCountedAndReplacedByAPurgeOfEverything() throws InterruptedException {
        PurgeQueue q = queue(2);
        q.offer(tags("a"));
        q.offer(tags("b"));
        q.offer(tags("c"));
        assertEquals(1, counters.dropped());
        assertTrue(q.owesEverything());
        q.step(0);
        assertEquals(1, server.received.size(), "one purge of everything in place of the three");
        assertEquals("BAN", server.received.get(0).method());
        assertTrue(q.idle());
    }

    @Test
    void aPurgeMadeWhileThePurgeOfEverythingIsOnItsWayIsQueuedAndSentAfterIt() throws InterruptedException {
        // a server that, as the purge of everything reaches it, sees another purge made here
        PurgeQueue[] queue = new PurgeQueue[1];
        PurgeSender meanwhile = (to, request) -> {
            if (request.method().equals("BAN")) {
                queue[0].offer(tags("made-meanwhile"));
            }
            return server.send(to, request);
        };
        queue[0] = new PurgeQueue(SERVER, new PurgeCalls(PurgeServerKind.VARNISH_XKEY, true, 7500, null, null),
                meanwhile, 2, new Backoff(3, 100, 10_000), pauses::add, counters);
        PurgeQueue q = queue[0];
        q.offer(tags("a"));
        q.offer(tags("b"));
        q.offer(tags("c")); // the queue is full: a purge of everything is owed
        assertTrue(q.owesEverything());
        q.step(0);
        assertEquals("BAN", server.received.get(0).method());
        assertEquals(1, q.pending(), "made while the purge of everything was on its way, which may not cover it");
        q.step(0);
        assertEquals("made-meanwhile", server.received.get(1).field("xkey-softpurge"));
        assertTrue(q.idle());
    }

    @Test
    void aRequestTheClientCannotSendOrTheServerRefusesIsNotTriedAgainAndTheThreadGoesOn() throws InterruptedException {
        PurgeSender refusesToSend = (to, request) -> {
            if (request.method().equals("PURGEKEYS")) {
                throw new IllegalArgumentException("invalid header value");
            }
            return server.send(to, request);
        };
        PurgeQueue q = new PurgeQueue(SERVER, new PurgeCalls(PurgeServerKind.VARNISH_XKEY, true, 7500, null, null),
                refusesToSend, 10, new Backoff(3, 100, 10_000), pauses::add, counters);
        q.offer(tags("c55"));
        q.step(0);
        assertEquals(0, counters.retried(), "the same request would fail the same way");
        assertEquals(1, counters.failed());
        assertTrue(q.owesEverything());
        q.step(0);
        assertEquals("BAN", server.received.get(0).method(), "replaced by a purge of everything");

        PurgeQueue refused = queue(10);
        server.script.add(403);
        refused.offer(tags("c57"));
        refused.step(0);
        assertEquals(0, counters.retried(), "a 4xx is not tried again");
        assertTrue(refused.owesEverything());
    }

    @Test
    void theBackoffDoublesUpToItsLongest() {
        Backoff b = new Backoff(3, 100, 1000);
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L),
                List.of(b.pauseMillis(0), b.pauseMillis(1), b.pauseMillis(2), b.pauseMillis(3), b.pauseMillis(4), b.pauseMillis(40)));
    }
}
