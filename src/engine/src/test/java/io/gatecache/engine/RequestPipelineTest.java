package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatecache.core.CacheOptions;
import io.gatecache.core.Headers;
import io.gatecache.testing.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A request taken through the pipeline by a front door that only reads its request and does what
 * it is told: a miss passed on and stored, then a hit answered without the application; the
 * stored validators forwarded; stale instead of the application's failure; a failure with nothing
 * to answer instead given back to the door; a coalescing turn held until an asynchronous
 * response ends.
 */
class RequestPipelineTest {

    private static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    /** What the application does with a request passed on to it. */
    private interface Application {
        boolean handle(Headers validators, Capture capture, Runnable ended) throws IOException, Failed;
    }

    /** The door: a GET of a path on example.org, and what came out of it. */
    private static final class Door implements RequestPipeline.Door<Failed> {
        final String path;
        final Application application;
        Answer answer;
        int passed;
        boolean refresh;
        Headers validators;
        final RecordingTarget response = new RecordingTarget();

        Door(String path, Application application) {
            this.path = path;
            this.application = application;
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String origin() {
            return "http://example.org";
        }

        @Override
        public int localPort() {
            return 80;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String query() {
            return null;
        }

        @Override
        public String field(String name) {
            return null;
        }

        @Override
        public String remoteAddress() {
            return "192.0.2.1";
        }

        @Override
        public String session() {
            return null;
        }

        @Override
        public String user() {
            return null;
        }

        @Override
        public Map<String, String> userContext() {
            return Map.of();
        }

        @Override
        public String contextState() {
            return "";
        }

        @Override
        public void userHash(String field, String hash) {
        }

        @Override
        public boolean refresh() {
            return refresh;
        }

        @Override
        public void fragment() {
        }

        @Override
        public void answer(Answer a) {
            answer = a;
        }

        @Override
        public boolean refreshInBackground(String key) {
            return false;
        }

        @Override
        public List<Map.Entry<String, String>> fieldLines() {
            return List.of();
        }

        @Override
        public URI loopback() {
            return null;
        }

        @Override
        public boolean pass(Headers validators, Function<Capture.Target, Capture> capture, Runnable ended)
                throws IOException, Failed {
            passed++;
            this.validators = validators;
            return application.handle(validators, capture.apply(response), ended);
        }
    }

    private final SettableClock clock = new SettableClock(1_000_000);
    private final MemoryResponseStore store = new MemoryResponseStore(clock, 16);
    private final CacheEngine engine = new CacheEngine(TestSettings.settings(CacheOptions.DEFAULTS, 10_000, false,
            true), store, clock, "");

    /** An application answering {@code body} with {@code cacheControl} and an ETag. */
    private static Application answering(Door door, String cacheControl, String body) {
        return (validators, capture, ended) -> {
            door.response.fields.add(Map.entry("Cache-Control", cacheControl));
            door.response.fields.add(Map.entry("ETag", "\"v1\""));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            capture.write(b, 0, b.length);
            return false;
        };
    }

    private Door run(String path, Function<Door, Application> application) throws IOException, Failed {
        return run(path, false, application);
    }

    private Door run(String path, boolean refresh, Function<Door, Application> application)
            throws IOException, Failed {
        Door[] door = new Door[1];
        door[0] = new Door(path, (v, c, e) -> application.apply(door[0]).handle(v, c, e));
        door[0].refresh = refresh;
        engine.pipeline().handle(door[0]);
        return door[0];
    }

    /** The latencies reported, as "origin", "response STATUS" and "esi", in order. */
    private static final class Recorded implements Latencies {
        final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void origin(long nanos) {
            seen.add(nanos >= 0 ? "origin" : "origin below zero");
        }

        @Override
        public void response(io.gatecache.core.CacheStatus status, long nanos) {
            seen.add(nanos >= 0 ? "response " + status : "response below zero");
        }
    }

    @Test
    void aMissIsPassedOnAndStoredThenTheHitIsAnsweredWithoutTheApplication() throws Exception {
        Door miss = run("/page", d -> answering(d, "max-age=60", "hello"));
        assertEquals(1, miss.passed);
        assertEquals("hello", miss.response.sent.toString(StandardCharsets.UTF_8));
        assertNull(miss.answer);

        Door hit = run("/page", d -> answering(d, "max-age=60", "other"));
        assertEquals(0, hit.passed, "the application is not asked");
        assertNotNull(hit.answer);
        assertEquals("hello", new String(hit.answer.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aStaleEntryIsRevalidatedWithItsValidators() throws Exception {
        run("/validate", d -> answering(d, "max-age=1, stale-if-error=0", "v1"));
        clock.advance(5_000);
        Door again = run("/validate", d -> answering(d, "max-age=60", "v2"));
        assertEquals(1, again.passed);
        assertEquals("\"v1\"", again.validators.get("If-None-Match"));
    }

    @Test
    void theApplicationsFailureIsAnsweredStaleWithinStaleIfError() throws Exception {
        run("/fails", d -> answering(d, "max-age=1", "kept"));
        clock.advance(5_000);

        Door failing = run("/fails", d -> (v, c, e) -> {
            throw new Failed("the application failed");
        });
        assertEquals(1, failing.passed);
        assertNotNull(failing.response.answer, "answered stale in place of the response");
        assertEquals("kept", new String(failing.response.answer.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aFailureWithNothingToAnswerInsteadGoesBackToTheDoorAsItIs() {
        Failed thrown = new Failed("the application failed");
        Failed caught = assertThrows(Failed.class, () -> run("/nothing", d -> (v, c, e) -> {
            throw thrown;
        }));
        assertSame(thrown, caught);
    }

    @Test
    void anAsynchronousResponseHoldsItsKeysTurnUntilItEnds() throws Exception {
        Runnable[] end = new Runnable[1];
        Capture[] captured = new Capture[1];
        Door async = run("/async", d -> (v, c, e) -> {
            end[0] = e;
            captured[0] = c;
            return true;
        });
        assertEquals(1, async.passed);

        // a second request for the key waits for the response still going on
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Door> second = pool.submit(() -> run("/async", d -> answering(d, "max-age=60", "other")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (engine.coalescer().waiting() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, engine.coalescer().waiting(), "the second request waits for the first's turn");

            async.response.fields.add(Map.entry("Cache-Control", "max-age=60"));
            byte[] b = "later".getBytes(StandardCharsets.UTF_8);
            captured[0].write(b, 0, b.length);
            captured[0].finish();
            end[0].run();
            end[0].run();

            Door hit = second.get(10, TimeUnit.SECONDS);
            assertEquals(0, hit.passed, "answered from what the first stored once it ended");
            assertEquals("later", new String(hit.answer.body(), StandardCharsets.UTF_8));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachResponseAndEachOriginCallIsTimedOnceAsItEnds() throws Exception {
        Recorded recorded = new Recorded();
        engine.statistics().reportLatencies(recorded);
        run("/timed", d -> answering(d, "max-age=1, stale-if-error=60", "v1"));
        assertEquals(List.of("origin", "response MISS"), recorded.seen);
        run("/timed", d -> answering(d, "max-age=1", "other"));
        assertEquals(List.of("origin", "response MISS", "response HIT"), recorded.seen);

        clock.advance(5_000);
        recorded.seen.clear();
        run("/timed", d -> (v, c, e) -> {
            throw new Failed("the application failed");
        });
        assertEquals(List.of("origin", "response STALE"), recorded.seen, "the failed call, and the stale answer");

        recorded.seen.clear();
        Runnable[] end = new Runnable[1];
        Capture[] captured = new Capture[1];
        run("/timed-async", d -> (v, c, e) -> {
            end[0] = e;
            captured[0] = c;
            return true;
        });
        assertEquals(List.of(), recorded.seen, "nothing before an asynchronous response ends");
        byte[] b = "later".getBytes(StandardCharsets.UTF_8);
        captured[0].write(b, 0, b.length);
        captured[0].finish();
        end[0].run();
        end[0].run();
        assertEquals(List.of("origin", "response DYNAMIC"), recorded.seen, "once, at its end");

        recorded.seen.clear();
        Runnable[] late = new Runnable[1];
        assertThrows(Failed.class, () -> run("/timed-thrown", d -> (v, c, e) -> {
            late[0] = e;
            throw new Failed("the application went on, then failed");
        }));
        assertEquals(List.of("origin"), recorded.seen, "the failed call; no response of the cache's");
        late[0].run();
        assertEquals(List.of("origin"), recorded.seen, "not again when its end comes after the failure");

        engine.statistics().reportLatencies(Latencies.NONE);
        run("/timed", d -> answering(d, "max-age=1", "other"));
        assertEquals(List.of("origin"), recorded.seen, "none reported once turned off");
    }

    @Test
    void aBackgroundRefreshIsAnOriginCallAndNotAResponseToAClient() throws Exception {
        Recorded recorded = new Recorded();
        engine.statistics().reportLatencies(recorded);
        run("/refreshed", d -> answering(d, "max-age=1", "v1"));
        clock.advance(5_000);
        recorded.seen.clear();
        Door refresh = run("/refreshed", true, d -> answering(d, "max-age=60", "v2"));
        assertEquals(1, refresh.passed);
        assertEquals(List.of("origin"), recorded.seen);
        Statistics stats = engine.statistics();
        assertEquals(1, stats.count(io.gatecache.core.CacheStatus.MISS), "the first request only");
        assertEquals(0, stats.count(io.gatecache.core.CacheStatus.REVALIDATED) + stats.count(io.gatecache.core.CacheStatus.EXPIRED));
        assertEquals(2, stats.stores(), "the refresh stored its response");
        assertEquals(0, stats.hits());
        assertEquals(1, stats.misses());
        run("/refreshed", d -> answering(d, "max-age=60", "v3"));
        assertEquals(1, stats.hits());
        assertEquals(0.5, stats.hitRatio());
    }
}
