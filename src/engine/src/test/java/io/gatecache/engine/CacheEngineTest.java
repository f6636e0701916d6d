package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheOptions;
import io.gatecache.core.CacheStatus;
import io.gatecache.core.Headers;
import io.gatecache.core.Reason;
import io.gatecache.testing.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine driven as a front door drives it, with a stepping clock and the in-memory store:
 * lookup, coalescing, storing once the body is complete, invalidation, stale answers.
 */
class CacheEngineTest {

    private static final String ORIGIN = "http://example.org";
    private final SettableClock clock = new SettableClock(1_000_000);
    private final MemoryResponseStore store = new MemoryResponseStore(clock, 16);
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static Settings settings(CacheOptions options, long coalescingTimeoutMillis) {
        return settings(options, coalescingTimeoutMillis, false, true);
    }

    private static Settings settings(CacheOptions options, long coalescingTimeoutMillis, boolean debug,
            boolean fastPath) {
        return TestSettings.settings(options, coalescingTimeoutMillis, debug, fastPath);
    }

    private CacheEngine engine(CacheOptions options) {
        return new CacheEngine(settings(options, 10_000), store, clock, "");
    }

    private CacheEngine engine() {
        return engine(CacheOptions.DEFAULTS);
    }

    private static Exchange get(CacheEngine engine, String path) {
        return engine.begin("GET", ORIGIN, 80, path, null, name -> null);
    }

    /** A miss answered by the origin with {@code cacheControl} and {@code body}, driven to its end. */
    private static Headers miss(CacheEngine engine, String path, String cacheControl, String body) {
        Exchange ex = get(engine, path);
        Reply reply = engine.respond(ex, 200, Headers.of("Cache-Control", cacheControl), false, false);
        Reply.Send send = assertInstanceOf(Reply.Send.class, reply);
        assertTrue(send.capture(), "storable: " + cacheControl);
        Headers fields = engine.complete(ex, 200, Headers.of("Cache-Control", cacheControl), body.getBytes(), Set.of());
        engine.release(ex);
        return fields;
    }

    private static String body(Answer a) {
        return new String(a.body());
    }

    @Test
    void aStoredResponseIsAHitUntilItsLifetimeIsOver() {
        CacheEngine engine = engine();
        Headers fields = miss(engine, "/a", "max-age=60", "one");
        assertEquals("MISS", fields.get("X-Cache"));
        assertTrue(fields.get("Cache-Status").contains("stored"), fields.get("Cache-Status"));

        clock.advance(59_000);
        Answer hit = engine.serve(get(engine, "/a"), null);
        assertNotNull(hit);
        assertEquals("one", body(hit));
        assertEquals("59", hit.added().get("Age"));
        assertEquals("HIT", hit.added().get("X-Cache"));

        clock.advance(1_000); // age 60 = lifetime: stale (RFC 9111 §4.2)
        assertNull(engine.serve(get(engine, "/a"), null));
    }

    @Test
    void aBodyLargerThanTheLimitIsNotReportedStoredAndIsNotAHitNextTime() {
        CacheEngine engine = engine();
        Exchange ex = get(engine, "/big");
        Reply.Send send = (Reply.Send) engine.respond(ex, 200, Headers.of("Cache-Control", "max-age=60"), false, false);
        assertTrue(send.capture());
        Headers fields = engine.abandon(ex, Reason.TOO_LARGE);
        engine.release(ex);
        assertEquals("MISS", fields.get("X-Cache"));
        assertFalse(fields.get("Cache-Status").contains("stored"), fields.get("Cache-Status"));
        assertTrue(fields.get("Cache-Status").contains("larger than max-entry-bytes"), fields.get("Cache-Status"));
        assertNull(engine.serve(get(engine, "/big"), null), "nothing was stored");
        assertEquals(0, engine.statistics().stores());
    }

    @Test
    void aResponseWhoseKeyWasInvalidatedWhileItWasBuiltIsNotStored() {
        CacheEngine engine = engine();
        Exchange ex = get(engine, "/page");
        engine.respond(ex, 200, Headers.of("Cache-Control", "max-age=60"), false, false);
        clock.advance(5);
        engine.purger().invalidate("/page"); // lands while the body is being written
        clock.advance(5);
        Headers fields = engine.complete(ex, 200, Headers.of("Cache-Control", "max-age=60"), "old".getBytes(), Set.of());
        engine.release(ex);
        assertFalse(fields.get("Cache-Status").contains("stored"), fields.get("Cache-Status"));
        assertTrue(fields.get("Cache-Status").contains("invalidated meanwhile"), fields.get("Cache-Status"));
        assertNull(engine.serve(get(engine, "/page"), null));

        // a request that starts after the invalidation stores as usual
        clock.advance(1);
        assertTrue(miss(engine, "/page", "max-age=60", "new").get("Cache-Status").contains("stored"));
        assertEquals("new", body(engine.serve(get(engine, "/page"), null)));
    }

    /** A miss stored with tags. */
    private static void tagged(CacheEngine engine, String path, String cacheControl, String... tags) {
        Exchange ex = get(engine, path);
        engine.respond(ex, 200, Headers.of("Cache-Control", cacheControl), false, false);
        Headers fields = engine.complete(ex, 200, Headers.of("Cache-Control", cacheControl), path.getBytes(),
                Set.of(tags));
        engine.release(ex);
        assertTrue(fields.get("Cache-Status").contains("stored"), fields.get("Cache-Status"));
    }

    @Test
    void aHardTagPurgeMakesEveryEntryWithTheTagAMissAndLeavesTheOthers() {
        CacheEngine engine = engine();
        tagged(engine, "/a", "max-age=600", "c55", "l22");
        tagged(engine, "/b", "max-age=600", "c55");
        tagged(engine, "/c", "max-age=600", "c57");
        clock.advance(1);
        PurgeResult r = engine.purger().purge(
                new io.gatecache.core.purge.PurgeRequest.ByTags(Set.of("c55"), false), "127.0.0.1");
        assertEquals(200, r.status());
        assertNull(engine.serve(get(engine, "/a"), null));
        assertNull(engine.serve(get(engine, "/b"), null));
        assertEquals("HIT", engine.serve(get(engine, "/c"), null).added().get("X-Cache"));
        assertEquals(1, engine.statistics().purges());
    }

    @Test
    void aSoftTagPurgeServesStaleWhileTheEntryIsRefreshed() {
        CacheEngine engine = engine();
        tagged(engine, "/soft", "max-age=600, stale-while-revalidate=30", "c55");
        clock.advance(1_000);
        engine.purger().purgeTags(Set.of("c55"), true);
        clock.advance(1_000);
        java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();
        Answer stale = engine.serve(get(engine, "/soft"), e -> refreshes.incrementAndGet() > 0);
        assertNotNull(stale, "served stale within stale-while-revalidate");
        assertEquals("STALE", stale.added().get("X-Cache"));
        assertEquals(1, refreshes.get(), "and refreshed in the background");
        clock.advance(30_000);
        assertNull(engine.serve(get(engine, "/soft"), e -> true), "past the window, counted from the purge");
        // the refresh (a request started after the purge) stores a fresh entry
        tagged(engine, "/soft", "max-age=600, stale-while-revalidate=30", "c55");
        assertEquals("HIT", engine.serve(get(engine, "/soft"), null).added().get("X-Cache"));
    }

    @Test
    void aSoftPurgedEntryWithoutAStaleWindowIsRevalidated() {
        CacheEngine engine = engine();
        tagged(engine, "/nowindow", "s-maxage=600", "c55"); // s-maxage: no default stale window
        clock.advance(1_000);
        engine.purger().purgeTags(Set.of("c55"), true);
        Exchange ex = get(engine, "/nowindow");
        assertNull(engine.serve(ex, e -> true));
        assertEquals(io.gatecache.core.Lookup.Outcome.REVALIDATE, ex.lookup.outcome(), "kept, to be revalidated");
        assertNotNull(engine.validators(ex), "with its validators");
    }

    @Test
    void aResponseWithMoreTagsThanAreKeptIsNotStored() {
        CacheEngine engine = engine();
        Set<String> many = new java.util.HashSet<>();
        for (int i = 0; i <= io.gatecache.core.tags.Tags.MAX_TAGS; i++) {
            many.add("t" + i);
        }
        Exchange ex = get(engine, "/many");
        engine.respond(ex, 200, Headers.of("Cache-Control", "max-age=600"), false, false);
        Headers fields = engine.complete(ex, 200, Headers.of("Cache-Control", "max-age=600"), "x".getBytes(), many);
        assertFalse(fields.get("Cache-Status").contains("stored"), fields.get("Cache-Status"));
        assertTrue(fields.get("Cache-Status").contains("too many or too long tags"), fields.get("Cache-Status"));
        assertNull(engine.serve(get(engine, "/many"), null), "a purge of a tag left out would have missed it");
    }

    @Test
    void aBanRemovesMatchingUrlsOnly() {
        CacheEngine engine = engine();
        tagged(engine, "/site/a", "max-age=600");
        tagged(engine, "/api/a", "max-age=600");
        clock.advance(1);
        assertEquals(200, engine.purger().purge(new io.gatecache.core.purge.PurgeRequest.Ban("^/site/", null, null),
                "127.0.0.1").status());
        assertNull(engine.serve(get(engine, "/site/a"), null));
        assertNotNull(engine.serve(get(engine, "/api/a"), null));
        assertEquals(400, engine.purger().purge(new io.gatecache.core.purge.PurgeRequest.Ban("(", null, null),
                "127.0.0.1").status(),
                "not a regular expression");
    }

    @Test
    void aCallersBansAreLimitedToTheirRateAMinute() {
        CacheEngine engine = engine();
        int perMinute = Settings.Purging.DEFAULT_BANS_PER_MINUTE;
        for (int i = 0; i < perMinute; i++) {
            assertEquals(200, engine.purger().purge(new io.gatecache.core.purge.PurgeRequest.Ban("^/b" + i + "$", null,
                    null), "192.0.2.7").status(), "ban " + i);
        }
        PurgeResult refused = engine.purger().purge(new io.gatecache.core.purge.PurgeRequest.Ban("^/more$", null, null),
                "192.0.2.7");
        assertEquals(429, refused.status());
        assertTrue(refused.message().contains("gatecache.purge.bans-per-minute"), refused.message());
        assertEquals(200, engine.purger().purge(new io.gatecache.core.purge.PurgeRequest.ByTags(Set.of("t"), false),
                "192.0.2.7").status(), "other purges are not counted");
        assertEquals(200, engine.purger().purge(new io.gatecache.core.purge.PurgeRequest.Ban("^/other$", null, null),
                "192.0.2.8").status(), "another caller");
        clock.advance(60_000 / perMinute);
        assertEquals(200, engine.purger().purge(new io.gatecache.core.purge.PurgeRequest.Ban("^/later$", null, null),
                "192.0.2.7").status(), "one more once its share of the minute has gone");
    }

    @Test
    void aTagPurgeWhileAPageIsBuiltWins() {
        CacheEngine engine = engine();
        Exchange ex = get(engine, "/tagged");
        engine.respond(ex, 200, Headers.of("Cache-Control", "max-age=60"), false, false);
        clock.advance(5);
        engine.purger().purgeTags(Set.of("c1"), false);
        Headers fields = engine.complete(ex, 200, Headers.of("Cache-Control", "max-age=60"), "x".getBytes(),
                Set.of("c1"));
        assertFalse(fields.get("Cache-Status").contains("stored"), fields.get("Cache-Status"));
        assertNull(engine.serve(get(engine, "/tagged"), null));
    }

    @Test
    void concurrentMissesForOneKeyMakeOneOriginCall() throws Exception {
        CacheEngine engine = engine();
        Exchange leader = engine.coalesce(get(engine, "/hot"));
        int followers = 5;
        CountDownLatch waiting = new CountDownLatch(followers);
        AtomicInteger originCalls = new AtomicInteger(1); // the leader's
        List<Future<Answer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < followers; i++) {
            answers.add(pool.submit(() -> {
                Exchange ex = get(engine, "/hot");
                waiting.countDown();
                Exchange after = engine.coalesce(ex);
                Answer a = engine.serve(after, null);
                if (a == null) {
                    originCalls.incrementAndGet();
                }
                return a;
            }));
        }
        assertTrue(waiting.await(5, TimeUnit.SECONDS));
        pollUntil(() -> engine.coalescer().waiting() == followers);
        engine.respond(leader, 200, Headers.of("Cache-Control", "max-age=60"), false, false);
        engine.complete(leader, 200, Headers.of("Cache-Control", "max-age=60"), "hot".getBytes(), Set.of());
        engine.release(leader);
        for (Future<Answer> f : answers) {
            Answer a = f.get(5, TimeUnit.SECONDS);
            assertEquals("hot", body(a));
            assertTrue(a.added().get("Cache-Status").contains("collapsed"), a.added().get("Cache-Status"));
        }
        assertEquals(1, originCalls.get());
        assertEquals(followers, engine.statistics().coalescedWaits(), "each follower's wait counted");
        assertEquals(0, engine.statistics().coalescedTimeouts());
    }

    @Test
    void aFollowerStopsWaitingAtTheCoalescingTimeoutAndGoesToTheOrigin() throws Exception {
        CacheEngine engine = new CacheEngine(settings(CacheOptions.DEFAULTS, 50), store, clock, "");
        Exchange leader = engine.coalesce(get(engine, "/stuck"));
        // the leader never finishes: the follower waits 50 ms at most, then finds nothing stored
        Future<Exchange> follower = pool.submit(() -> engine.coalesce(get(engine, "/stuck")));
        Exchange after = follower.get(5, TimeUnit.SECONDS);
        assertNull(engine.serve(after, null), "nothing stored: the follower goes to the origin");
        engine.release(leader);
        assertEquals(1, engine.statistics().coalescedWaits());
        assertEquals(1, engine.statistics().coalescedTimeouts(), "the wait that ran out counted");
    }

    @Test
    void aColdKeyOnTwoNodesSharingTheStoreMakesOneOriginCall() throws Exception {
        CacheEngine nodeA = engine();
        CacheEngine nodeB = engine();
        Exchange leader = nodeA.coalesce(get(nodeA, "/cold"));
        assertNull(nodeA.serve(leader, null), "node A holds the claim: it goes to the origin");
        // node B's request looks in the store before node A stored anything: a miss there
        Exchange missed = get(nodeB, "/cold");
        assertNull(nodeB.serve(missed, null));
        Future<Exchange> other = pool.submit(() -> nodeB.coalesce(missed));
        nodeA.respond(leader, 200, Headers.of("Cache-Control", "max-age=60"), false, false);
        nodeA.complete(leader, 200, Headers.of("Cache-Control", "max-age=60"), "cold".getBytes(), Set.of());
        nodeA.release(leader);
        Answer there = nodeB.serve(other.get(5, TimeUnit.SECONDS), null);
        assertEquals("cold", body(there), "node B's leader waited for node A's claim, then found the response");
        assertTrue(there.added().get("Cache-Status").contains("collapsed"), there.added().get("Cache-Status"));
        assertEquals(1, nodeA.statistics().claimsHeld());
        // node B claims while node A holds the turn (and waits), or once it let it go (and holds
        // it, finding the response): one claim either way, counted as what it was
        assertEquals(1, nodeB.statistics().claimsWaited() + nodeB.statistics().claimsHeld());
    }

    @Test
    void concurrentRequestsForAnEntryToRevalidateMakeOneOriginCall() throws Exception {
        CacheEngine engine = engine();
        miss(engine, "/stale", "max-age=10", "v1");
        clock.advance(11_000);
        Exchange leader = engine.coalesce(get(engine, "/stale"));
        assertNull(engine.serve(leader, null), "stale: the leader asks the origin");
        Future<Exchange> follower = pool.submit(() -> engine.coalesce(get(engine, "/stale")));
        pollUntil(() -> engine.coalescer().waiting() == 1);
        engine.respond(leader, 200, Headers.of("Cache-Control", "max-age=60"), false, false);
        engine.complete(leader, 200, Headers.of("Cache-Control", "max-age=60"), "v2".getBytes(), Set.of());
        engine.release(leader);
        assertEquals("v2", body(engine.serve(follower.get(5, TimeUnit.SECONDS), null)));
    }

    @Test
    void aNodeWaitingForAnotherGoesToTheOriginAtTheCoalescingTimeout() throws Exception {
        CacheEngine nodeA = new CacheEngine(settings(CacheOptions.DEFAULTS, 50), store, clock, "");
        CacheEngine nodeB = new CacheEngine(settings(CacheOptions.DEFAULTS, 50), store, clock, "");
        Exchange stuck = nodeA.coalesce(get(nodeA, "/stuck-elsewhere"));
        // node A never finishes: node B waits 50 ms at most, then goes to the origin itself
        Exchange after = pool.submit(() -> nodeB.coalesce(get(nodeB, "/stuck-elsewhere"))).get(5, TimeUnit.SECONDS);
        assertNull(nodeB.serve(after, null));
        nodeA.release(stuck);
    }

    @Test
    void aKeyWhoseResponseWasNotStoredIsNotCoalescedForAMinute() {
        CacheEngine engine = engine();
        Exchange first = engine.coalesce(get(engine, "/private"));
        Reply.Send send = (Reply.Send) engine.respond(first, 200, Headers.of("Cache-Control", "private"), false,
                false);
        assertFalse(send.capture());
        engine.release(first);

        Exchange second = get(engine, "/private");
        assertSame(second, engine.coalesce(second), "hit-for-miss: no waiting, straight to the origin");
        assertEquals(0, engine.coalescer().waiting());
        engine.release(second);

        clock.advance(Coalescing.HIT_FOR_MISS_MILLIS + 1);
        Exchange later = engine.coalesce(get(engine, "/private"));
        Exchange follower = get(engine, "/private");
        Future<Exchange> waited = pool.submit(() -> engine.coalesce(follower));
        pollUntil(() -> engine.coalescer().waiting() == 1);
        engine.release(later);
        assertTrue(waited.isDone() || pollUntil(waited::isDone));
    }

    @Test
    void staleWhileRevalidateAnswersStaleAndStartsExactlyOneRefresh() {
        CacheEngine engine = engine();
        miss(engine, "/swr", "max-age=10, stale-while-revalidate=30", "v1");
        clock.advance(15_000);
        AtomicInteger refreshes = new AtomicInteger();
        Set<String> running = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            Answer a = engine.serve(get(engine, "/swr"), ex -> {
                if (running.add(ex.key())) {
                    refreshes.incrementAndGet();
                }
                return true; // started, or running already
            });
            assertNotNull(a);
            assertEquals("STALE", a.added().get("X-Cache"));
            assertEquals("v1", body(a));
        }
        assertEquals(1, refreshes.get());

        // the refresh itself validates what is stored, whatever its freshness
        Exchange refresh = get(engine, "/swr");
        engine.refreshing(refresh);
        assertNull(engine.serve(refresh, null));
        miss(engine, "/swr", "max-age=10, stale-while-revalidate=30", "v2");
        assertEquals("v2", body(engine.serve(get(engine, "/swr"), null)));
    }

    @Test
    void withoutABackgroundRefreshTheStaleEntryIsValidatedInTheRequest() {
        CacheEngine engine = engine();
        Exchange first = get(engine, "/etag");
        engine.respond(first, 200, Headers.of("Cache-Control", "max-age=10, stale-while-revalidate=30", "ETag", "\"1\""),
                false, false);
        engine.complete(first, 200, Headers.of("Cache-Control", "max-age=10, stale-while-revalidate=30", "ETag", "\"1\""),
                "v1".getBytes(), Set.of());
        clock.advance(15_000);
        Exchange ex = get(engine, "/etag");
        assertNull(engine.serve(ex, e -> false), "no refresh can be made: revalidate now");
        assertEquals("\"1\"", engine.validators(ex).get("If-None-Match"));
        Reply reply = engine.respond(ex, 304, Headers.of("Cache-Control", "max-age=10", "ETag", "\"1\""), false, false);
        Answer revalidated = assertInstanceOf(Reply.Replace.class, reply).answer();
        assertEquals(200, revalidated.status());
        assertEquals("v1", body(revalidated));
        assertEquals("REVALIDATED", revalidated.added().get("X-Cache"));
        assertEquals(CacheStatus.REVALIDATED, ex.status());
    }

    @Test
    void staleIfErrorAnswersTheStaleEntryInsteadOfAServerErrorOrAFailure() {
        CacheEngine engine = engine(CacheOptions.DEFAULTS.withStaleWindows(0, 0));
        miss(engine, "/flaky", "max-age=10, stale-if-error=60", "healthy");
        clock.advance(20_000);

        Exchange error = get(engine, "/flaky");
        assertNull(engine.serve(error, null));
        Answer stale = assertInstanceOf(Reply.Replace.class,
                engine.respond(error, 503, Headers.EMPTY, false, false)).answer();
        assertEquals("healthy", body(stale));
        assertEquals("STALE", stale.added().get("X-Cache"));
        assertTrue(stale.added().get("Cache-Status").contains("stale-if-error"));

        Exchange thrown = get(engine, "/flaky");
        assertEquals("healthy", body(engine.failed(thrown)));

        clock.advance(60_000); // 70 s stale: past the window
        assertNull(engine.failed(get(engine, "/flaky")));
        Reply passed = engine.respond(get(engine, "/flaky"), 503, Headers.EMPTY, false, false);
        assertInstanceOf(Reply.Send.class, passed);
    }

    @Test
    void anUnsafeRequestInvalidatesItsTargetAndLocation() {
        CacheEngine engine = engine();
        miss(engine, "/items", "max-age=60", "list");
        miss(engine, "/items/7", "max-age=60", "seven");
        Exchange post = engine.begin("POST", ORIGIN, 80, "/items", null, name -> null);
        assertNull(engine.serve(post, null));
        engine.respond(post, 201, Headers.of("Location", "/items/7"), false, false);
        assertNull(engine.serve(get(engine, "/items"), null));
        assertNull(engine.serve(get(engine, "/items/7"), null));
    }

    @Test
    void aClearRemovesEverythingAndRefusesResponsesBegunBeforeIt() {
        CacheEngine engine = engine();
        miss(engine, "/one", "max-age=60", "1");
        Exchange building = get(engine, "/two");
        engine.respond(building, 200, Headers.of("Cache-Control", "max-age=60"), false, false);
        clock.advance(1);
        engine.purger().clear();
        assertNull(engine.serve(get(engine, "/one"), null));
        Headers fields = engine.complete(building, 200, Headers.of("Cache-Control", "max-age=60"), "2".getBytes(),
                Set.of());
        assertFalse(fields.get("Cache-Status").contains("stored"));
    }

    @Test
    void aResponseThatWillNotBeStoredEndsTheCoalescingTurnWhenDecidedNotWhenItEnds() throws Exception {
        CacheEngine engine = engine();
        Exchange leader = engine.coalesce(get(engine, "/stream"));
        Future<Exchange> follower = pool.submit(() -> engine.coalesce(get(engine, "/stream")));
        pollUntil(() -> engine.coalescer().waiting() == 1);
        // a streamed, uncacheable response: decided at its first byte, written for a long time after
        Reply.Send send = (Reply.Send) engine.respond(leader, 200, Headers.of("Cache-Control", "no-store"), false,
                false);
        assertFalse(send.capture());
        assertNull(engine.serve(follower.get(5, TimeUnit.SECONDS), null), "released at once, to the origin");
    }

    @Test
    void aResponseThatGainsACookieWhileItsBodyIsWrittenIsNotStored() {
        CacheEngine engine = engine();
        Exchange ex = get(engine, "/page");
        Headers decided = Headers.of("Cache-Control", "max-age=60");
        assertTrue(((Reply.Send) engine.respond(ex, 200, decided, false, false)).capture());
        // the container added a session cookie after the decision, before the body was complete
        Headers fields = engine.complete(ex, 200, decided.with("Set-Cookie", "JSESSIONID=abc"), "x".getBytes(),
                Set.of());
        assertFalse(fields.get("Cache-Status").contains("stored"), fields.get("Cache-Status"));
        assertTrue(fields.get("Cache-Status").contains("changed after the decision"), fields.get("Cache-Status"));
        assertNull(engine.serve(get(engine, "/page"), null));
    }

    @Test
    void aStoreThatFailsIsReportedAsSuchNotAsStored() {
        ResponseStoreStub failing = new ResponseStoreStub();
        CacheEngine engine = new CacheEngine(settings(CacheOptions.DEFAULTS, 10_000), failing, clock, "");
        Exchange ex = get(engine, "/x");
        engine.respond(ex, 200, Headers.of("Cache-Control", "max-age=60"), false, false);
        Headers fields = engine.complete(ex, 200, Headers.of("Cache-Control", "max-age=60"), "x".getBytes(),
                Set.of());
        assertFalse(fields.get("Cache-Status").contains("stored"), fields.get("Cache-Status"));
        assertTrue(fields.get("Cache-Status").contains("store failed"), fields.get("Cache-Status"));
    }

    @Test
    void aPurgeTheStoreCouldNotRecordIsAnsweredAsAFailureToRetry() {
        CacheEngine engine = new CacheEngine(settings(CacheOptions.DEFAULTS, 10_000), new ResponseStoreStub(), clock,
                "");
        for (io.gatecache.core.purge.PurgeRequest request : List.of(
                new io.gatecache.core.purge.PurgeRequest.ByTags(Set.of("c55"), false),
                new io.gatecache.core.purge.PurgeRequest.Ban("^/site/", null, null),
                new io.gatecache.core.purge.PurgeRequest.All())) {
            PurgeResult r = engine.purger().purge(request, "127.0.0.1");
            assertEquals(503, r.status(), request.toString());
            assertTrue(r.message().contains("retry"), r.message());
        }
        assertThrows(PurgeNotRecorded.class, () -> engine.purger().purgeTags(Set.of("c55"), true));
        assertEquals(4, engine.statistics().purgesNotRecorded(), "each counted");
        assertEquals(1, engine.statistics().purges(PurgeKind.BAN, PurgeSource.HTTP));
        assertEquals(1, engine.statistics().purges(PurgeKind.SOFT, PurgeSource.API));
    }

    @Test
    void purgesAreCountedByKindAndSource() {
        CacheEngine engine = engine();
        engine.purger().purgeTags(Set.of("c55"), false);
        engine.purger().from(PurgeSource.JMX).purgeTags(Set.of("c55"), true);
        engine.purger().from(PurgeSource.JPA).purgeTags(Set.of("c55", "l22"), false);
        engine.purger().purge(new io.gatecache.core.purge.PurgeRequest.Url("/page"), "127.0.0.1");
        engine.purger().from(PurgeSource.JMX).ban("^/a", null, null);
        engine.purger().from(PurgeSource.JMX).banLocations("^(20|22)$");
        engine.purger().clear();
        assertEquals(1, engine.statistics().purges(PurgeKind.TAG, PurgeSource.API));
        assertEquals(1, engine.statistics().purges(PurgeKind.SOFT, PurgeSource.JMX));
        assertEquals(1, engine.statistics().purges(PurgeKind.TAG, PurgeSource.JPA), "one purge of two tags");
        assertEquals(1, engine.statistics().purges(PurgeKind.URL, PurgeSource.HTTP), "a received purge is http's");
        assertEquals(2, engine.statistics().purges(PurgeKind.BAN, PurgeSource.JMX));
        assertEquals(1, engine.statistics().purges(PurgeKind.CLEAR, PurgeSource.API));
        assertEquals(0, engine.statistics().purges(PurgeKind.URL, PurgeSource.API));
        assertEquals(6, engine.statistics().purges(), "JMX's Purges: tag purges, bans and clears");
        assertEquals(0, engine.statistics().purgesNotRecorded());
    }

    @Test
    void aResponseForAHostThisCacheDoesNotServeIsServedButNeverStored() {
        CacheEngine engine = engine();
        Exchange foreign = engine.begin("GET", "http://evil.example", 80, "/page", null, name -> null);
        assertNull(engine.serve(foreign, null));
        Reply.Send send = (Reply.Send) engine.respond(foreign, 200, Headers.of("Cache-Control", "max-age=60"), false,
                false);
        assertFalse(send.capture());
        assertEquals("BYPASS", send.add().get("X-Cache"));
        assertTrue(send.add().get("Cache-Status").contains("foreign host"));
        assertEquals(0, engine.statistics().stores());
    }

    @Test
    void requestsForAnotherHostOrAnotherStoredVariantDoNotWaitForEachOther() throws Exception {
        CacheEngine engine = engine(CacheOptions.DEFAULTS);
        Exchange first = engine.begin("GET", ORIGIN, 80, "/v", null, name -> name.equals("accept-language") ? "en" : null);
        engine.respond(first, 200, Headers.of("Cache-Control", "max-age=0", "Vary", "Accept-Language",
                "ETag", "\"1\""), false, false);
        engine.complete(first, 200, Headers.of("Cache-Control", "max-age=0", "Vary", "Accept-Language",
                "ETag", "\"1\""), "en".getBytes(), Set.of());
        // the stored variant varies on Accept-Language: de and fr lead their own turns
        Exchange de = engine.coalesce(engine.begin("GET", ORIGIN, 80, "/v", null,
                name -> name.equalsIgnoreCase("Accept-Language") ? "de" : null));
        Future<Exchange> fr = pool.submit(() -> engine.coalesce(engine.begin("GET", ORIGIN, 80, "/v", null,
                name -> name.equalsIgnoreCase("Accept-Language") ? "fr" : null)));
        Exchange frExchange = fr.get(5, TimeUnit.SECONDS);
        assertEquals(0, engine.coalescer().waiting(), "fr did not wait for de");
        // another host of the same path leads its own turn too
        Future<Exchange> otherHost = pool.submit(() -> engine.coalesce(engine.begin("GET", "http://localhost", 80,
                "/v", null, name -> name.equalsIgnoreCase("Accept-Language") ? "de" : null)));
        Exchange other = otherHost.get(5, TimeUnit.SECONDS);
        assertEquals(0, engine.coalescer().waiting(), "another host did not wait");
        engine.release(de);
        engine.release(frExchange);
        engine.release(other);
    }

    @Test
    void aServedHostOnAPortOtherThanTheRequestsOwnIsNotStored() {
        CacheEngine engine = engine();
        Exchange odd = engine.begin("GET", "http://example.org:1", 8080, "/p", null, name -> null);
        Reply.Send send = (Reply.Send) engine.respond(odd, 200, Headers.of("Cache-Control", "max-age=60"), false,
                false);
        assertFalse(send.capture());
        Exchange own = engine.begin("GET", "http://example.org:8080", 8080, "/p", null, name -> null);
        assertTrue(((Reply.Send) engine.respond(own, 200, Headers.of("Cache-Control", "max-age=60"), false, false))
                .capture());
    }

    /** A store that is down: reads nothing, takes nothing. */
    private static final class ResponseStoreStub implements io.gatecache.spi.ResponseStore {
        private final io.gatecache.spi.ContextHashes hashes = new io.gatecache.core.context.LocalContextHashes(
                () -> 0L, 10);

        @Override
        public io.gatecache.spi.ContextHashes contextHashes() {
            return hashes;
        }

        @Override
        public List<io.gatecache.core.StoredResponse> get(String key) {
            return List.of();
        }

        @Override
        public PutOutcome put(String key, io.gatecache.core.StoredResponse variant, long since, long lifespan) {
            return PutOutcome.FAILED;
        }

        @Override
        public boolean invalidate(String key, long at) {
            return false;
        }

        @Override
        public boolean invalidateTags(java.util.Collection<String> tags, long at, boolean soft) {
            return false;
        }

        @Override
        public boolean ban(io.gatecache.core.purge.Ban ban) {
            return false;
        }

        @Override
        public boolean invalidateAll(long at) {
            return false;
        }

        @Override
        public long size() {
            return 0;
        }
    }

    /** Polls a condition with a deadline; true once it holds. */
    private static boolean pollUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return true;
    }
}
