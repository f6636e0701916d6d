package io.gatecache.spi;

import io.gatecache.core.StoredResponse;
import static io.gatecache.spi.ContractResponses.bodies;
import static io.gatecache.spi.ContractResponses.fromOrigin;
import static io.gatecache.spi.ContractResponses.inLanguage;
import static io.gatecache.spi.ContractResponses.tagged;
import static io.gatecache.spi.ContractResponses.typed;
import static io.gatecache.spi.ResponseStore.PutOutcome.FAILED;
import static io.gatecache.spi.ResponseStore.PutOutcome.INVALIDATED;
import static io.gatecache.spi.ResponseStore.PutOutcome.NOT_KEPT;
import static io.gatecache.spi.ResponseStore.PutOutcome.STORED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatecache.core.purge.Ban;
import io.gatecache.core.purge.PurgeLedger;
import io.gatecache.spi.ResponseStore.Claim;
import io.gatecache.spi.ResponseStore.PutOutcome;
import io.gatecache.spi.StoreStatus.Membership;
import io.gatecache.testing.Poll;
import io.gatecache.testing.SettableClock;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a {@link ResponseStore} must do for the engine to use it, run against each store by a
 * subclass that starts the store (with {@link #MAX_VARIANTS} and a {@link SettableClock} at
 * {@link #START_MILLIS}) and hands it over as two nodes: {@link #first()} and {@link #second()},
 * the same instance for a store on one node. Writes go through one node and are checked through
 * the other wherever that matters: what one stores, purges or claims, the other sees.
 *
 * <p>Every test takes keys, tags and turns of its own ({@link #key}, {@link #tag}) and instants
 * later than any before ({@link #tick}), so that a subclass may start its store once for all the
 * tests of a class. A store that keeps time by the clock (leases, expiry) is driven by it; where a
 * store keeps a lease by real time, or a member hears of another's write in its own time, the
 * test polls with a deadline, never sleeps.
 */
public abstract class ResponseStoreContract {

    /** The most variants a store under the contract keeps under one key: start it with this. */
    public static final int MAX_VARIANTS = 4;
    /** The instant the contract's clock reads first: start the store's clock there. */
    public static final long START_MILLIS = 1_700_000_000_000L;
    /** How long a put asks the store to keep a key, longer than any test moves the clock. */
    static final long LIFESPAN = 3_600_000;
    /**
     * Longer than a store under the contract keeps a purge record (the default retention, a day,
     * and the time a response may take to be built).
     */
    static final long RECORDS_FORGOTTEN = 2 * PurgeLedger.DEFAULT_RETENTION_MILLIS;
    /** A lease no test outlives. */
    static final long LONG_LEASE = 60_000;
    /** A lease a test waits out (by the clock, and by real time on a store that keeps leases so). */
    static final long SHORT_LEASE = 200;
    /** The longest a test waits for what happens in its own time. */
    static final Duration DEADLINE = Duration.ofSeconds(20);
    /** The rounds of each purge racing puts. */
    static final int RACE_ROUNDS = 2;
    private static final AtomicInteger TESTS = new AtomicInteger();

    /** How the store under test is shared, which decides what its claims and membership say. */
    protected enum Sharing {
        /** One node, sharing nothing: every claim is {@link Claim#LOCAL} (a local Infinispan cache). */
        NONE,
        /** One node whose users share its claims (engines in one JVM holding one memory store). */
        PROCESS,
        /** Two members of a replicated cluster. */
        REPLICATED
    }

    /** The store as one node sees it. */
    protected abstract ResponseStore first();

    /** The store as another node sees it: {@link #first()} itself for a store on one node. */
    protected abstract ResponseStore second();

    /** The clock the store was started with. */
    protected abstract SettableClock clock();

    protected abstract Sharing sharing();

    /**
     * A store of the same kind, started for one test, which the test stops (closes); empty for a
     * store that nothing stops, as one in this JVM's memory.
     */
    protected Optional<ResponseStore> storeToStop() {
        return Optional.empty();
    }

    /** A store of the same kind too small for any entry; empty where there is none. */
    protected Optional<ResponseStore> tooSmallStore() {
        return Optional.empty();
    }

    private String prefix;

    @BeforeEach
    void takeKeysOfItsOwn(TestInfo test) {
        prefix = "/contract/" + test.getTestMethod().map(Method::getName).orElse("test") + "-"
                + TESTS.incrementAndGet();
    }

    /** A key (path) no other test uses. */
    protected final String key(String name) {
        return prefix + "/" + name;
    }

    /** A tag no other test uses. */
    protected final String tag(String name) {
        return prefix.substring("/contract/".length()) + "." + name;
    }

    /** Moves the clock a second on: an instant later than every one taken before. */
    protected final long tick() {
        return clock().advance(1_000);
    }

    /** Each node once. */
    private List<ResponseStore> nodes() {
        return first() == second() ? List.of(first()) : List.of(first(), second());
    }

    /** Puts a response begun at its request time (as {@code since}) through a node. */
    private static PutOutcome put(ResponseStore node, String key, StoredResponse response) {
        return node.put(key, response, response.requestTime(), LIFESPAN);
    }

    private static void assertStored(ResponseStore node, String key, StoredResponse response) {
        assertEquals(STORED, put(node, key, response), "stored: " + ContractResponses.body(response));
    }

    /** Asserts what every node reads under a key, by body. */
    private void assertRead(String key, String... expected) {
        for (ResponseStore node : nodes()) {
            assertEquals(Set.of(expected), bodies(node.get(key)), key + " through " + name(node));
        }
    }

    private String name(ResponseStore node) {
        return node == first() ? "the first node" : "the second node";
    }

    // ---- put and read

    /** What one node stores is read, whole, through every node. */
    @Test
    void aStoredResponseIsReadThroughEveryNode() {
        long begun = tick();
        StoredResponse response = tagged("hello", begun, tag("a"), tag("b"));
        assertEquals(STORED, put(first(), key("page"), response));
        for (ResponseStore node : nodes()) {
            List<StoredResponse> read = node.get(key("page"));
            assertEquals(1, read.size(), name(node));
            StoredResponse back = read.get(0);
            assertEquals(200, back.status());
            assertEquals("hello", ContractResponses.body(back));
            assertEquals("max-age=3600", back.headers().get("Cache-Control"));
            assertEquals(begun, back.requestTime());
            assertEquals(begun, back.responseTime());
            assertEquals(response.variantKey(), back.variantKey());
            assertEquals(List.of(tag("a"), tag("b")), back.tags());
            assertEquals(StoredResponse.NOT_PURGED, back.staleFrom(), "no purge reached it");
        }
    }

    /** A key nothing was stored under reads as empty, on every node. */
    @Test
    void aKeyNothingWasStoredUnderReadsAsEmpty() {
        for (ResponseStore node : nodes()) {
            assertTrue(node.get(key("never")).isEmpty(), name(node));
        }
    }

    // ---- stamps

    /** A key's stamp on every node. */
    private Map<ResponseStore, Long> stamps(String key) {
        Map<ResponseStore, Long> out = new java.util.IdentityHashMap<>();
        for (ResponseStore node : nodes()) {
            out.put(node, node.stamp(key));
        }
        return out;
    }

    /** Every node's stamp of the key moves from what it was (a member hears of the change in its own time). */
    private void assertStampsMove(String key, Map<ResponseStore, Long> before, String after) {
        for (ResponseStore node : nodes()) {
            Poll.until(() -> node.stamp(key) != before.get(node), DEADLINE,
                    "the stamp of " + key + " through " + name(node) + " moves after " + after);
        }
    }

    /**
     * A key's stamp stays while the key is only read, and moves on every node after anything that
     * changes what it reads: a write, an invalidation, a purge of a tag (of any entry).
     */
    @Test
    void aKeysStampStaysWhileItIsReadAndMovesAfterEachChange() {
        String page = key("stamped");
        assertStored(first(), page, tagged("one", tick(), tag("t")));
        Poll.until(() -> !second().get(page).isEmpty(), DEADLINE, "the write is read through every node");
        Map<ResponseStore, Long> before = stamps(page);
        for (ResponseStore node : nodes()) {
            assertNotEquals(ResponseStore.NO_STAMP, before.get(node), name(node) + " stamps its keys");
            node.get(page);
            assertEquals(before.get(node), node.stamp(page), "a read moves nothing, through " + name(node));
        }

        assertStored(first(), page, tagged("two", tick(), tag("t")));
        assertStampsMove(page, before, "a write");
        before = stamps(page);
        first().invalidate(page, tick());
        assertStampsMove(page, before, "an invalidation");
        before = stamps(page);
        first().invalidateTags(List.of(tag("elsewhere")), tick(), false);
        assertStampsMove(page, before, "a purge of a tag");
    }

    // ---- variants

    /** A variant replaces the one stored with the same variant key, whichever node stored it. */
    @Test
    void aVariantReplacesTheStoredOneWithTheSameVariantKey() {
        long begun = tick();
        assertStored(first(), key("page"), inLanguage("en, first", begun, "en"));
        assertStored(second(), key("page"), inLanguage("en, second", tick(), "en"));
        assertRead(key("page"), "en, second");
    }

    /** Variants with other variant keys (other languages, other origins) are kept side by side. */
    @Test
    void variantsWithOtherVariantKeysAreKeptSideBySide() {
        long begun = tick();
        assertStored(first(), key("page"), inLanguage("en", begun, "en"));
        assertStored(second(), key("page"), inLanguage("fr", begun, "fr"));
        assertStored(first(), key("page"), inLanguage("de", begun, "de"));
        assertRead(key("page"), "de", "en", "fr");
        assertStored(first(), key("hosts"), fromOrigin("a", begun, "http://a.example.test"));
        assertStored(second(), key("hosts"), fromOrigin("b", begun, "http://b.example.test"));
        assertRead(key("hosts"), "a", "b");
    }

    /** A key keeps at most {@link #MAX_VARIANTS} variants: the newest, the oldest dropped first. */
    @Test
    void aKeyKeepsItsNewestVariantsUpToTheStoresMaximum() {
        List<String> written = new ArrayList<>();
        for (int i = 0; i <= MAX_VARIANTS; i++) {
            String language = "l" + i;
            assertStored(i % 2 == 0 ? first() : second(), key("page"), inLanguage(language, tick(), language));
            written.add(language);
        }
        // MAX_VARIANTS + 1 languages written: the first one is gone
        assertRead(key("page"), written.subList(1, written.size()).toArray(String[]::new));
    }

    // ---- URL purge

    /** A URL purge removes every variant of its key on every node, and no other key. */
    @Test
    void aUrlPurgeRemovesEveryVariantOfItsKeyOnEveryNode() {
        long begun = tick();
        assertStored(first(), key("page"), inLanguage("en", begun, "en"));
        assertStored(first(), key("page"), inLanguage("fr", begun, "fr"));
        assertStored(first(), key("other"), tagged("other", begun));
        assertTrue(second().invalidate(key("page"), tick()), "there were variants");
        assertRead(key("page"));
        assertRead(key("other"), "other");
        assertFalse(first().invalidate(key("page"), tick()), "nothing left to remove");
    }

    /** A response begun at or before a URL purge of its key is refused, on the other node too. */
    @Test
    void aPutBegunAtOrBeforeAUrlPurgeIsRefused() {
        long at = tick();
        first().invalidate(key("page"), at);
        assertEquals(INVALIDATED, put(second(), key("page"), tagged("begun before", at - 1)));
        assertEquals(INVALIDATED, put(second(), key("page"), tagged("begun at", at)), "the same instant is not after");
        assertRead(key("page"));
        assertEquals(STORED, put(second(), key("page"), tagged("begun after", at + 1)));
        assertRead(key("page"), "begun after");
        assertEquals(STORED, put(first(), key("other"), tagged("another key", at - 1)), "no other key is refused");
    }

    // ---- tag purges

    /** A hard tag purge hides every entry with the tag begun at or before it, on every node, and no other. */
    @Test
    void aHardTagPurgeHidesEveryEntryWithTheTagBegunAtOrBeforeIt() {
        long begun = tick();
        assertStored(first(), key("tagged"), tagged("tagged", begun, tag("purged")));
        assertStored(first(), key("among others"), tagged("among others", begun, tag("kept"), tag("purged")));
        assertStored(first(), key("other tag"), tagged("other tag", begun, tag("kept")));
        assertStored(first(), key("untagged"), tagged("untagged", begun));
        long at = tick();
        assertStored(first(), key("at the purge"), tagged("at the purge", at, tag("purged")));
        assertTrue(second().invalidateTags(List.of(tag("purged")), at, false), "recorded for every node");
        assertRead(key("tagged"));
        assertRead(key("among others"));
        assertRead(key("at the purge"));
        assertRead(key("other tag"), "other tag");
        assertRead(key("untagged"), "untagged");
    }

    /** A response begun at or before a hard purge of one of its tags is refused, on the other node too. */
    @Test
    void aPutBegunAtOrBeforeATagPurgeIsRefused() {
        long at = tick();
        first().invalidateTags(List.of(tag("purged")), at, false);
        assertEquals(INVALIDATED, put(second(), key("before"), tagged("before", at - 1, tag("purged"))));
        assertEquals(INVALIDATED, put(second(), key("at"), tagged("at", at, tag("kept"), tag("purged"))));
        assertRead(key("before"));
        assertRead(key("at"));
        assertEquals(STORED, put(second(), key("after"), tagged("after", at + 1, tag("purged"))));
        assertRead(key("after"), "after");
        assertEquals(STORED, put(second(), key("other tag"), tagged("other tag", at - 1, tag("kept"))));
    }

    /** A soft tag purge returns the entries it reached, through every node, stale from its instant. */
    @Test
    void aSoftTagPurgeReturnsTheEntriesItReachedStaleFromItsInstant() {
        long begun = tick();
        assertStored(first(), key("reached"), tagged("reached", begun, tag("soft")));
        assertStored(first(), key("other tag"), tagged("other tag", begun, tag("kept")));
        long at = tick();
        assertTrue(second().invalidateTags(List.of(tag("soft")), at, true), "recorded for every node");
        for (ResponseStore node : nodes()) {
            List<StoredResponse> reached = node.get(key("reached"));
            assertEquals(Set.of("reached"), bodies(reached), name(node));
            assertEquals(at, reached.get(0).staleFrom(), name(node));
            assertEquals(StoredResponse.NOT_PURGED, node.get(key("other tag")).get(0).staleFrom(), name(node));
        }
    }

    /** A soft tag purge refuses no put; what began after it is not stale. */
    @Test
    void aSoftTagPurgeRefusesNoPut() {
        long at = tick();
        first().invalidateTags(List.of(tag("soft")), at, true);
        assertEquals(STORED, put(second(), key("at"), tagged("at", at, tag("soft"))));
        assertEquals(STORED, put(second(), key("after"), tagged("after", at + 1, tag("soft"))));
        for (ResponseStore node : nodes()) {
            assertEquals(at, node.get(key("at")).get(0).staleFrom(), "begun at the purge: stale from it");
            assertEquals(StoredResponse.NOT_PURGED, node.get(key("after")).get(0).staleFrom(), "begun after");
        }
    }

    /** An entry two soft purges reached is stale from the earlier; a hard purge after them hides it. */
    @Test
    void anEntryIsStaleFromTheEarliestSoftPurgeThatReachedIt() {
        long begun = tick();
        assertStored(first(), key("page"), tagged("page", begun, tag("one"), tag("two")));
        long earlier = tick();
        long later = tick();
        second().invalidateTags(List.of(tag("two")), later, true);
        first().invalidateTags(List.of(tag("one")), earlier, true);
        for (ResponseStore node : nodes()) {
            assertEquals(earlier, node.get(key("page")).get(0).staleFrom(), name(node));
        }
        second().invalidateTags(List.of(tag("one")), tick(), false);
        assertRead(key("page"));
    }

    // ---- bans

    /** A ban hides, on every node, the entries begun at or before it whose path and query it matches. */
    @Test
    void aBanHidesTheEntriesWhoseUrlItMatchesBegunAtOrBeforeIt() {
        long begun = tick();
        assertStored(first(), key("banned/1"), tagged("1", begun));
        assertStored(first(), key("banned/2?q=x"), tagged("2", begun));
        assertStored(first(), key("kept"), tagged("kept", begun));
        long at = tick();
        assertTrue(second().ban(Ban.of("^" + Pattern.quote(key("banned/")), null, null, at)),
                "recorded for every node");
        assertRead(key("banned/1"));
        assertRead(key("banned/2?q=x"));
        assertRead(key("kept"), "kept");
    }

    /** A response begun at or before a ban that matches it is refused; one begun after it is stored and read. */
    @Test
    void aPutBegunAtOrBeforeAMatchingBanIsRefused() {
        long at = tick();
        first().ban(Ban.of("^" + Pattern.quote(key("banned/")), null, null, at));
        assertEquals(INVALIDATED, put(second(), key("banned/before"), tagged("before", at - 1)));
        assertEquals(INVALIDATED, put(second(), key("banned/at"), tagged("at", at)));
        assertRead(key("banned/at"));
        assertEquals(STORED, put(second(), key("kept"), tagged("not matched", at)));
        assertEquals(STORED, put(second(), key("banned/after"), tagged("after", at + 1)));
        assertRead(key("banned/after"), "after");
    }

    /**
     * A ban one node takes is in force on every node, whatever each holds already: here the other
     * node still holds the bound of bans ({@link PurgeLedger#MAX_BANS}), all too old to reach
     * anything, which the first forgets as it takes the ban.
     */
    @Test
    void aBanOneNodeTakesIsInForceOnANodeHoldingTheBoundOfBans() {
        long old = tick();
        for (int i = 0; i < PurgeLedger.MAX_BANS; i++) {
            second().ban(Ban.of("^" + Pattern.quote(key("old/" + i)) + "$", null, null, old));
        }
        clock().advance(RECORDS_FORGOTTEN);
        long begun = tick();
        assertStored(first(), key("banned"), tagged("banned", begun));
        assertStored(first(), key("kept"), tagged("kept", begun));
        assertTrue(first().ban(Ban.of("^" + Pattern.quote(key("banned")) + "$", null, null, tick())),
                "recorded for every node");
        assertRead(key("banned"));
        assertRead(key("kept"), "kept");
    }

    /** A ban that names a host reaches only the variants stored for that host. */
    @Test
    void aBanWithAHostReachesOnlyThatHostsVariants() {
        long begun = tick();
        assertStored(first(), key("page"), fromOrigin("a", begun, "http://a.example.test"));
        assertStored(first(), key("page"), fromOrigin("b", begun, "http://b.example.test:8080"));
        second().ban(Ban.of("^" + Pattern.quote(key("page")) + "$", "^a\\.example\\.test$", null,
                tick()));
        assertRead(key("page"), "b");
    }

    /** A ban that names a Content-Type reaches only entries of that type. */
    @Test
    void aBanWithAContentTypeReachesOnlyEntriesOfThatType() {
        long begun = tick();
        assertStored(first(), key("html"), typed("html", begun, "text/html; charset=UTF-8"));
        assertStored(first(), key("json"), typed("json", begun, "application/json"));
        assertStored(first(), key("untyped"), tagged("untyped", begun));
        second().ban(Ban.of("^" + Pattern.quote(prefix + "/"), null, "^text/html", tick()));
        assertRead(key("html"));
        assertRead(key("json"), "json");
        assertRead(key("untyped"), "untyped");
    }

    // ---- clear

    /** A clear removes every entry, on every node. */
    @Test
    void aClearRemovesEveryEntryOnEveryNode() {
        long begun = tick();
        assertStored(first(), key("a"), tagged("a", begun, tag("t")));
        assertStored(second(), key("b"), inLanguage("b", begun, "en"));
        for (ResponseStore node : nodes()) {
            assertTrue(node.size() >= 2, "counted: " + name(node));
        }
        assertTrue(second().invalidateAll(tick()), "recorded for every node");
        assertRead(key("a"));
        assertRead(key("b"));
        for (ResponseStore node : nodes()) {
            assertEquals(0, node.size(), "nothing counted: " + name(node));
        }
    }

    /** A response begun at or before a clear is refused, whatever its key and tags. */
    @Test
    void aPutBegunAtOrBeforeAClearIsRefused() {
        long at = tick();
        first().invalidateAll(at);
        assertEquals(INVALIDATED, put(second(), key("before"), tagged("before", at - 1)));
        assertEquals(INVALIDATED, put(second(), key("at"), tagged("at", at, tag("t"))));
        assertRead(key("at"));
        assertEquals(STORED, put(second(), key("after"), tagged("after", at + 1, tag("t"))));
        assertRead(key("after"), "after");
    }

    // ---- a purge racing puts

    /**
     * Whatever the interleaving of puts, reads and one hard purge through both nodes, once the purge
     * has returned no read returns a response begun at or before it, and every put of one is refused.
     */
    @ParameterizedTest
    @EnumSource(PurgeRace.Purge.class)
    void noResponseBegunBeforeAPurgeIsReadOnceThePurgeReturns(PurgeRace.Purge purge) throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            ResponseStore through = round % 2 == 0 ? first() : second();
            ResponseStore other = through == first() ? second() : first();
            long at = tick();
            clock().advance(1_000);
            List<String> breaches = new PurgeRace(through, other, key("race-" + round), tag("race-" + round), at)
                    .run(purge);
            assertTrue(breaches.isEmpty(), purge + ", round " + round + ": " + breaches.size() + " breaches, first "
                    + breaches.subList(0, Math.min(5, breaches.size())));
            assertEquals(STORED, put(other, key("race-" + round), tagged("after the race", at + 1, tag("race-" + round))),
                    "what began after the purge is still stored");
        }
    }

    // ---- claims

    /** A store no other node shares grants every claim as {@link Claim#LOCAL}: the node's coalescing is all. */
    @Test
    void aStoreNoOtherNodeSharesGrantsEveryClaimLocally() {
        assumeTrue(sharing() == Sharing.NONE, "claims are shared");
        Claim one = first().claim(key("turn"), LONG_LEASE);
        Claim two = first().claim(key("turn"), LONG_LEASE);
        assertSame(Claim.LOCAL, one);
        assertSame(Claim.LOCAL, two);
        assertTrue(one.held());
        assertTrue(one.await(0), "a held claim waits for nothing");
        one.release();
        one.release();
    }

    /** A turn claimed through one node is held elsewhere for every claim after it, through either node. */
    @Test
    void aSharedTurnHasOneHolderAtATime() {
        assumeTrue(sharing() != Sharing.NONE, "claims are not shared");
        Claim held = first().claim(key("turn"), LONG_LEASE);
        try {
            assertTrue(held.held());
            assertTrue(held.await(0), "a held claim waits for nothing");
            assertFalse(second().claim(key("turn"), LONG_LEASE).held(), "held elsewhere, seen from the other node");
            assertFalse(first().claim(key("turn"), LONG_LEASE).held(), "not twice through one node either");
            Claim other = second().claim(key("another turn"), LONG_LEASE);
            assertTrue(other.held(), "another turn is free");
            other.release();
        } finally {
            held.release();
        }
    }

    /** Of many concurrent claims of one turn, through both nodes, exactly one is held. */
    @Test
    void concurrentClaimsOfOneTurnMakeExactlyOneHolder() throws Exception {
        assumeTrue(sharing() != Sharing.NONE, "claims are not shared");
        int claimants = 8;
        CyclicBarrier together = new CyclicBarrier(claimants);
        ExecutorService threads = Executors.newFixedThreadPool(claimants);
        List<Claim> claims = new ArrayList<>();
        try {
            List<Future<Claim>> made = new ArrayList<>();
            for (int i = 0; i < claimants; i++) {
                ResponseStore node = i % 2 == 0 ? first() : second();
                made.add(threads.submit(() -> {
                    together.await();
                    return node.claim(key("turn"), LONG_LEASE);
                }));
            }
            for (Future<Claim> f : made) {
                claims.add(f.get(1, TimeUnit.MINUTES));
            }
        } finally {
            threads.shutdownNow();
            claims.forEach(Claim::release);
        }
        assertEquals(1, claims.stream().filter(Claim::held).count());
    }

    /** A release wakes the node that waits for the claim, whether it began waiting before or after, and frees the turn. */
    @Test
    void aReleaseWakesTheNodeThatWaitsAndFreesTheTurn() throws Exception {
        assumeTrue(sharing() != Sharing.NONE, "claims are not shared");
        Claim held = first().claim(key("turn"), LONG_LEASE);
        Claim waiting = second().claim(key("turn"), LONG_LEASE);
        assertFalse(waiting.held());
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> waiting.await(DEADLINE.toMillis()));
        held.release();
        assertTrue(woken.get(1, TimeUnit.MINUTES), "released within the bound");
        assertTrue(waiting.await(0), "released before the wait began: no wait");
        Claim next = second().claim(key("turn"), LONG_LEASE);
        assertTrue(next.held(), "free once released");
        next.release();
    }

    /** A wait for a claim held elsewhere ends at its bound; releasing a claim not held frees nothing. */
    @Test
    void aWaitForAClaimHeldElsewhereIsBounded() {
        assumeTrue(sharing() != Sharing.NONE, "claims are not shared");
        Claim held = first().claim(key("turn"), LONG_LEASE);
        try {
            Claim waiting = second().claim(key("turn"), LONG_LEASE);
            assertFalse(waiting.await(50), "still held after the 50 ms bound");
            waiting.release();
            assertFalse(second().claim(key("turn"), LONG_LEASE).held(), "a claim not held releases nothing");
        } finally {
            held.release();
            held.release();
        }
        Claim next = second().claim(key("turn"), LONG_LEASE);
        assertTrue(next.held(), "a second release is harmless");
        next.release();
    }

    /**
     * A claim whose node never releases it lapses after its lease: the node waiting for it is woken,
     * the turn can be claimed again, and the late release frees nothing it no longer holds.
     */
    @Test
    void aClaimLapsesAfterItsLeaseAndWakesItsWaiter() {
        assumeTrue(sharing() != Sharing.NONE, "claims are not shared");
        Claim lapsing = first().claim(key("turn"), SHORT_LEASE);
        assertTrue(lapsing.held());
        Claim waiting = second().claim(key("turn"), LONG_LEASE);
        assertFalse(waiting.held());
        clock().advance(SHORT_LEASE);
        Poll.until(() -> waiting.await(10), DEADLINE, "the wait ends once the lease lapsed");
        AtomicReference<Claim> next = new AtomicReference<>();
        Poll.until(() -> {
            Claim c = second().claim(key("turn"), LONG_LEASE);
            next.set(c);
            return c.held();
        }, DEADLINE, "the turn is free once the lease lapsed");
        lapsing.release();
        assertFalse(first().claim(key("turn"), LONG_LEASE).held(), "the late release freed the new holder's turn");
        next.get().release();
    }

    // ---- health

    /** A store that works is healthy on every node, and counts no failure. */
    @Test
    void aWorkingStoreIsHealthyAndCountsNoFailure() {
        List<Long> before = nodes().stream().map(ResponseStore::failures).toList();
        long begun = tick();
        assertStored(first(), key("page"), tagged("page", begun, tag("t")));
        second().get(key("page"));
        second().invalidate(key("page"), tick());
        first().invalidateTags(List.of(tag("t")), tick(), true);
        first().claim(key("turn"), LONG_LEASE).release();
        for (ResponseStore node : nodes()) {
            assertTrue(node.healthy(), name(node));
        }
        assertEquals(before, nodes().stream().map(ResponseStore::failures).toList());
    }

    /**
     * Every node sees the same members, and settles: itself alone on one node (settled from the
     * start), both members in a cluster once its state is in step.
     */
    @Test
    void everyNodeSeesTheSameMembership() {
        if (sharing() != Sharing.REPLICATED) {
            assertEquals(Membership.LOCAL, first().membership());
            assertEquals(Membership.LOCAL, second().membership());
            return;
        }
        Poll.until(() -> first().membership().members().size() == 2 && second().membership().members().size() == 2
                && first().membership().settled() && second().membership().settled(), DEADLINE,
                "both members in each view, settled");
        Membership one = first().membership();
        Membership two = second().membership();
        assertEquals(new HashSet<>(one.members()), new HashSet<>(two.members()));
        assertNotEquals(one.node(), two.node());
        assertTrue(one.members().contains(one.node()) && one.members().contains(two.node()));
        assertEquals(one.coordinator(), two.coordinator());
        assertNotEquals(one.role(), two.role(), "one coordinator, one member");
        for (Membership m : List.of(one, two)) {
            assertEquals(Membership.Mode.REPLICATED, m.mode());
            assertEquals(Membership.Availability.AVAILABLE, m.availability());
        }
    }

    /**
     * A stopped store fails every operation the way the engine can live with: reads as empty, drops
     * writes ({@code FAILED}), says a purge was not recorded, grants claims, counts each failure and
     * says it is down.
     */
    @Test
    void aStoppedStoreReadsAsEmptyDropsWritesAndSaysItIsDown() {
        Optional<ResponseStore> started = storeToStop();
        assumeTrue(started.isPresent(), "nothing stops this store");
        ResponseStore store = started.get();
        long begun = tick();
        assertStored(store, key("page"), tagged("page", begun));
        assertTrue(store.healthy());
        long failures = store.failures();
        store.close();
        assertTrue(store.get(key("page")).isEmpty(), "reads as empty");
        assertEquals(FAILED, put(store, key("page"), tagged("page", tick())));
        assertFalse(store.invalidate(key("page"), tick()));
        assertFalse(store.invalidateTags(List.of(tag("t")), tick(), false));
        assertFalse(store.ban(Ban.of("^" + Pattern.quote(key("page")), null, null, tick())));
        assertFalse(store.invalidateAll(tick()));
        assertTrue(store.claim(key("turn"), LONG_LEASE).held(), "a store that cannot answer grants the claim");
        assertFalse(store.healthy(), "says it is down");
        assertTrue(store.failures() > failures, "counts its failures");
    }

    /** A store too small for an entry takes it, keeps nothing and says so ({@code NOT_KEPT}), failing nothing. */
    @Test
    void aStoreTooSmallForAnEntrySaysItKeptNothing() {
        Optional<ResponseStore> tiny = tooSmallStore();
        assumeTrue(tiny.isPresent(), "no store of this kind too small for an entry");
        try (ResponseStore store = tiny.get()) {
            assertEquals(NOT_KEPT, put(store, key("page"), tagged("page", tick())));
            assertTrue(store.get(key("page")).isEmpty());
            assertEquals(0, store.failures());
            assertTrue(store.healthy());
        }
    }
}
