package io.gatecache.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.purge.Ban;
import io.gatecache.spi.ResponseStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two nodes in this JVM, each its own cache manager started from a shipped clustered
 * configuration, forming one cluster over real JGroups TCP on loopback. A test that partitions,
 * mutes or clears its pair starts one of its own; the others share one per configuration, each
 * with keys and turns of its own.
 */
class ClusteredStoreTest {

    private static final String KEY = "http://example.org/a";
    private static final long LIFESPAN = 60_000;
    /** The lease of a claim left to lapse: long enough that a 100 ms wait ends well before it. */
    private static final long LAPSING_LEASE = 2_000;
    private static final Clock CLOCK = Clock.systemUTC();
    /** The pairs the tests that neither partition, mute nor clear them share, by configuration. */
    private static final Map<String, TwoNodes> SHARED = new ConcurrentHashMap<>();
    private TwoNodes nodes;
    private InfinispanResponseStore a;
    private InfinispanResponseStore b;

    /** A pair of the test's own, stopped after it. */
    private void startCluster(String config) {
        nodes = new TwoNodes(config, CLOCK);
        a = nodes.a;
        b = nodes.b;
    }

    /** The pair of a configuration the tests share, started by the first that asks. */
    private void joinSharedCluster(String config) {
        TwoNodes shared = SHARED.computeIfAbsent(config, c -> new TwoNodes(c, CLOCK));
        a = shared.a;
        b = shared.b;
    }

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @AfterAll
    static void stopShared() {
        SHARED.values().forEach(TwoNodes::close);
        SHARED.clear();
    }

    private StoredResponse response(String body, String... tags) {
        long now = CLOCK.millis();
        return new StoredResponse(200, Headers.builder().add("Cache-Control", "max-age=60").build(),
                body.getBytes(StandardCharsets.UTF_8), now, now, Headers.EMPTY, -1, null, List.of(tags));
    }

    private static String body(List<StoredResponse> got) {
        return got.isEmpty() ? null : new String(got.get(0).body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gatecache/infinispan-replicated.xml", "gatecache/infinispan-distributed.xml"})
    void whatOneNodeStoresIsAHitOnTheOther(String config) {
        joinSharedCluster(config);
        String key = KEY + "/hit";
        assertEquals(ResponseStore.PutOutcome.STORED, a.put(key, response("from a"), CLOCK.millis(), LIFESPAN));
        assertEquals("from a", body(b.get(key)));
        ResponseStore.Membership view = b.membership();
        assertEquals(2, view.members().size());
        assertTrue(view.members().contains(a.membership().node()));
        assertEquals(config.contains("replicated") ? ResponseStore.Membership.Mode.REPLICATED
                : ResponseStore.Membership.Mode.DISTRIBUTED, view.mode());
        assertNotEquals(a.membership().role(), b.membership().role(), "one coordinator, one member");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gatecache/infinispan-replicated.xml", "gatecache/infinispan-distributed.xml"})
    void aUserContextHashHeldOnOneNodeIsReadOnTheOtherAndForgottenOnBoth(String config) {
        joinSharedCluster(config);
        a.contextHashes().put("s:one", "hash-readers", "reader1", LIFESPAN);
        a.contextHashes().put("s:two", "hash-readers", "reader2", LIFESPAN);
        assertEquals("hash-readers", b.contextHashes().get("s:one"));
        b.contextHashes().forgetUser("reader1");
        assertNull(a.contextHashes().get("s:one"), "the user's hash is gone on both nodes");
        assertEquals("hash-readers", a.contextHashes().get("s:two"));
        b.contextHashes().forget("s:two");
        assertNull(a.contextHashes().get("s:two"));
        a.contextHashes().put("s:three", "h", null, LIFESPAN);
        a.contextHashes().forgetAll();
        assertNull(b.contextHashes().get("s:three"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gatecache/infinispan-replicated.xml", "gatecache/infinispan-distributed.xml"})
    void aPurgeOnOneNodeIsSeenOnTheOtherWhenTheCallReturns(String config) {
        startCluster(config);
        long before = CLOCK.millis();
        a.put(KEY, response("url"), before, LIFESPAN);
        a.put(KEY + "/t", response("tagged", "t1"), before, LIFESPAN);
        a.put(KEY + "/s", response("soft", "s1"), before, LIFESPAN);
        a.put(KEY + "/banned", response("banned"), before, LIFESPAN);
        a.put(KEY + "/other", response("other"), before, LIFESPAN);
        for (String k : List.of(KEY, KEY + "/t", KEY + "/s", KEY + "/banned", KEY + "/other")) {
            assertEquals(1, b.get(k).size(), k);
        }
        long at = CLOCK.millis() + 1;
        b.invalidate(KEY, at);
        assertTrue(a.get(KEY).isEmpty(), "by URL");
        b.invalidateTags(Set.of("t1"), at, false);
        assertTrue(a.get(KEY + "/t").isEmpty(), "by tag");
        b.invalidateTags(Set.of("s1"), at, true);
        assertTrue(a.get(KEY + "/s").get(0).staleFrom() <= at, "soft, by tag");
        b.ban(Ban.of(".*/banned$", null, null, at));
        assertTrue(a.get(KEY + "/banned").isEmpty(), "banned");
        assertEquals(1, a.get(KEY + "/other").size(), "nothing else");
        b.invalidateAll(at);
        assertTrue(a.get(KEY + "/other").isEmpty(), "clear");
        assertEquals(ResponseStore.PutOutcome.INVALIDATED, a.put(KEY + "/t", response("late", "t1"), before, LIFESPAN),
                "a response begun before the purge on the other node is not stored");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gatecache/infinispan-replicated.xml"})
    void oneNodeFetchesWhileTheOtherWaitsForIt(String config) throws Exception {
        joinSharedCluster(config);
        String key = KEY + "/fetched";
        ResponseStore.Claim first = a.claim("turn-fetched", 30_000);
        ResponseStore.Claim second = b.claim("turn-fetched", 30_000);
        assertTrue(first.held());
        assertFalse(second.held(), "the other node holds it");
        assertFalse(a.claim("turn-fetched", 30_000).held(), "not twice on one node either");
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> second.await(30_000));
        a.put(key, response("fetched once"), CLOCK.millis(), LIFESPAN);
        first.release();
        assertTrue(waited.get(30, TimeUnit.SECONDS), "released within the bound");
        assertEquals("fetched once", body(b.get(key)));
        assertTrue(b.claim("turn-fetched", 30_000).held(), "free again once released");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gatecache/infinispan-replicated.xml"})
    void aWaitIsBoundedAndAClaimLapses(String config) throws Exception {
        joinSharedCluster(config);
        assertTrue(a.claim("turn-lapsing", LAPSING_LEASE).held());
        ResponseStore.Claim waiting = b.claim("turn-lapsing", LAPSING_LEASE);
        assertFalse(waiting.held());
        assertFalse(waiting.await(100), "not released within 100 ms");
        assertTrue(waiting.await(30_000), "the claim lapses after its lease, and the wait ends then");
        assertTrue(b.claim("turn-lapsing", LAPSING_LEASE).held());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gatecache/infinispan-replicated.xml", "gatecache/infinispan-distributed.xml"})
    void noPurgeMadeDuringAPartitionIsLostWhenItMerges(String config) throws Exception {
        startCluster(config);
        long before = CLOCK.millis();
        a.put(KEY + "/t", response("tagged", "t1"), before, LIFESPAN);
        a.put(KEY + "/u", response("url"), before, LIFESPAN);
        a.put(KEY + "/k", response("kept"), before, LIFESPAN);
        assertEquals(1, b.get(KEY + "/u").size());

        DISCARD[] cut = {split(a), split(b)};
        // each side has taken in the split (its caches in a topology of itself alone, its purge
        // records read again) before anything is done in it, and before the sides meet again: a
        // merge that begins while a side is still taking in the split is not the partition tested
        TwoNodes.poll(() -> settledIn(a, 1) && settledIn(b, 1), "two partitions, each settled");
        assertEquals(ResponseStore.Membership.Availability.AVAILABLE, b.membership().availability(),
                "each side keeps serving");
        long at = CLOCK.millis() + 1;
        assertTrue(a.invalidateTags(Set.of("t1"), at, false));
        assertTrue(a.invalidate(KEY + "/u", at));
        assertEquals(1, b.get(KEY + "/t").size(), "apart, the other side has not heard of it");
        assertEquals(1, b.get(KEY + "/u").size(), "apart, the other side has not heard of it");

        for (DISCARD d : cut) {
            d.discardAll(false);
        }
        // the merge is over once both are settled in one view: conflicts resolved, state moved,
        // purge records read again; before that a read may be answered from either side's state
        TwoNodes.poll(() -> settledIn(a, 2) && settledIn(b, 2), "merged, both settled");
        long failures = a.failures() + b.failures();
        assertTrue(b.get(KEY + "/t").isEmpty(), "the tag purge reaches the other side");
        assertTrue(b.get(KEY + "/u").isEmpty(), "the URL purge reaches the other side");
        assertTrue(a.get(KEY + "/t").isEmpty());
        assertTrue(a.get(KEY + "/u").isEmpty());
        assertEquals("kept", body(b.get(KEY + "/k")), "what both sides held alike is kept");
        assertEquals("kept", body(a.get(KEY + "/k")), "what both sides held alike is kept");
        assertEquals(failures, a.failures() + b.failures(),
                "every read was answered: none read as nothing stored for want of an answer");
        assertEquals(ResponseStore.PutOutcome.INVALIDATED, b.put(KEY + "/t", response("late", "t1"), before, LIFESPAN));
    }

    /** Whether a node sees {@code members} members and is settled among them (see {@link ResponseStore.Membership}). */
    private static boolean settledIn(InfinispanResponseStore node, int members) {
        ResponseStore.Membership view = node.membership();
        return view.members().size() == members && view.settled();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gatecache/infinispan-replicated.xml"})
    void aStoreThatTimesOutReadsAsNothingStored(String config) throws Exception {
        startCluster(config);
        a.put(KEY, response("before"), CLOCK.millis(), LIFESPAN);
        DISCARD muted = mute(b);
        // node B stops answering, and node A has not noticed yet: its writes wait, bounded
        assertEquals(ResponseStore.PutOutcome.FAILED, a.put(KEY + "/new", response("new"), CLOCK.millis(), LIFESPAN),
                "a write node B never acknowledges fails after the remote timeout");
        assertTrue(a.failures() > 0, "and is counted");
        assertEquals("before", body(a.get(KEY)), "what node A holds is still read");
        muted.discardAll(false);
    }

    /** Mutes a node: it drops every message it would send or receive, and knows nothing of it. */
    private static DISCARD mute(InfinispanResponseStore node) throws Exception {
        DISCARD discard = new DISCARD().discardAll(true);
        TwoNodes.channel(node).getProtocolStack().insertProtocol(discard, ProtocolStack.Position.ABOVE, TP.class);
        return discard;
    }

    /** Cuts a node off: muted, and at once in a view of itself alone. */
    private static DISCARD split(InfinispanResponseStore node) throws Exception {
        DISCARD discard = mute(node);
        JChannel channel = TwoNodes.channel(node);
        View old = channel.getView();
        View alone = View.create(channel.getAddress(), old.getViewId().getId() + 1, channel.getAddress());
        channel.getProtocolStack().<GMS>findProtocol(GMS.class).installView(alone);
        return discard;
    }
}
