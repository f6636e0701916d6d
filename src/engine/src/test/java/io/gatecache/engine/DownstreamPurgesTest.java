package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.gatecache.core.downstream.PurgeCalls;
import io.gatecache.core.downstream.PurgeServerKind;
import io.gatecache.core.downstream.TagField;
import io.gatecache.testing.Poll;
import io.gatecache.testing.SettableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Purges out, over real HTTP on loopback: the engine's purges reach a local server standing in
 * for Fastly's and Cloudflare's APIs (the real services are not reachable from the test
 * machines), which records each request: method, path, fields, body and batch sizes as each API
 * documents them. A server that is down or does not answer: the purging thread does not wait for
 * it, the requests are retried, counted as failed, and a purge of everything is owed until the
 * server takes it.
 */
class DownstreamPurgesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** A request a recording server received. */
    record Received(String method, String path, Map<String, String> fields, String body) {
    }

    private final SettableClock clock = new SettableClock(1_000_000);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer server;
    private CacheEngine engine;

    @AfterEach
    void stop() {
        released.countDown();
        if (engine != null) {
            engine.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server on loopback recording every request, answering 200 (or, held, only once released). */
    private URI recorder(boolean held) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> fields.put(name, String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            received.add(new Received(exchange.getRequestMethod(), uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), fields, body));
            if (held) {
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] ok = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private CacheEngine engine(URI server, PurgeServerKind kind, boolean soft, int retries, long timeoutMillis) {
        Settings.Downstream d = new Settings.Downstream(TagField.NONE, 300, List.of(server),
                new PurgeCalls(kind, soft, PurgeCalls.DEFAULT_MAX_FIELD_LENGTH, "secret-token", "zone-or-service-1"),
                false, 100, retries, timeoutMillis);
        engine = new CacheEngine(TestSettings.settings(d), new MemoryResponseStore(clock, 16), clock, "");
        return engine;
    }

    private static void await(BooleanSupplier condition, String what) {
        Poll.until(condition, DEADLINE, what);
    }

    private static List<String> tags(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("c" + i);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void fastlyIsSentSurrogateKeyPurgesOf256KeysSoftlyWithItsKey() throws Exception {
        CacheEngine engine = engine(recorder(false), PurgeServerKind.FASTLY, true, 3, 2000);
        engine.purger().purgeTags(tags(600), false);
        await(() -> received.size() == 3 && engine.purgeServers().idle(), "three calls");
        Set<String> keys = new java.util.HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (Received r : received) {
            assertEquals("POST", r.method());
            assertEquals("/service/zone-or-service-1/purge", r.path());
            assertEquals("secret-token", r.fields().get("Fastly-Key"));
            assertEquals("1", r.fields().get("Fastly-Soft-Purge"));
            assertEquals("application/json", r.fields().get("Accept"));
            assertEquals("", r.body());
            List<String> batch = List.of(r.fields().get("Surrogate-Key").split(" "));
            sizes.add(batch.size());
            keys.addAll(batch);
        }
        assertEquals(List.of(256, 256, 88), sizes);
        assertEquals(Set.copyOf(tags(600)), keys);
        assertEquals(3, engine.downstreamCounters().sent());

        received.clear();
        engine.purger().clear();
        await(() -> received.size() == 1, "purge_all");
        assertEquals("/service/zone-or-service-1/purge_all", received.get(0).path());
        assertEquals(null, received.get(0).fields().get("Fastly-Soft-Purge"), "a purge of everything is never soft");
    }

    @Test
    void fastlyIsSentHardPurgesWhenToldSo() throws Exception {
        CacheEngine engine = engine(recorder(false), PurgeServerKind.FASTLY, false, 3, 2000);
        engine.purger().purgeTags(List.of("c55"), true);
        await(() -> received.size() == 1, "one call");
        assertEquals("c55", received.get(0).fields().get("Surrogate-Key"));
        assertFalse(received.get(0).fields().containsKey("Fastly-Soft-Purge"));
    }

    @Test
    void cloudflareIsSentPurgeCacheCallsOf100TagsWithItsToken() throws Exception {
        CacheEngine engine = engine(recorder(false), PurgeServerKind.CLOUDFLARE, true, 3, 2000);
        engine.purger().purgeTags(tags(250), false);
        await(() -> received.size() == 3 && engine.purgeServers().idle(), "three calls");
        Set<String> tags = new java.util.HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (Received r : received) {
            assertEquals("POST", r.method());
            assertEquals("/zones/zone-or-service-1/purge_cache", r.path());
            assertEquals("Bearer secret-token", r.fields().get("Authorization"));
            assertTrue(r.fields().get("Content-Type").startsWith("application/json"));
            assertTrue(r.body().startsWith("{\"tags\":[\"") && r.body().endsWith("\"]}"), r.body());
            List<String> batch = List.of(r.body().substring(10, r.body().length() - 3).split("\",\""));
            sizes.add(batch.size());
            tags.addAll(batch);
        }
        assertEquals(List.of(100, 100, 50), sizes);
        assertEquals(Set.copyOf(tags(250)), tags);

        received.clear();
        engine.purger().clear();
        await(() -> received.size() == 1, "purge_everything");
        assertEquals("{\"purge_everything\":true}", received.get(0).body());
    }

    @Test
    void aPurgeReceivedOverHttpIsNotPassedOnUnlessToldSo() throws Exception {
        CacheEngine engine = engine(recorder(false), PurgeServerKind.HTTP, true, 3, 2000);
        PurgeResult result = engine.purger().purge(new io.gatecache.core.purge.PurgeRequest.ByTags(Set.of("r1"), false),
                "127.0.0.1");
        assertEquals(200, result.status());
        engine.purger().purgeTags(List.of("made-here"), false);
        await(() -> received.size() == 1 && engine.purgeServers().idle(), "the purge made here");
        assertEquals("PURGETAGS", received.get(0).method());
        assertEquals("made-here", received.get(0).fields().get("X-Cache-Tags"), "the one received was not passed on");
    }

    @Test
    void aPurgeGoesDownstreamOnceFromTheNodeThatMadeItThoughEveryNodeSharingTheStoreHonoursIt() throws Exception {
        URI front = recorder(false);
        MemoryResponseStore shared = new MemoryResponseStore(clock, 16);
        Settings.Downstream d = new Settings.Downstream(TagField.of("xkey", 0), 300, List.of(front),
                new PurgeCalls(PurgeServerKind.VARNISH_XKEY, true, PurgeCalls.DEFAULT_MAX_FIELD_LENGTH, null, null),
                false, 100, 3, 2000);
        CacheEngine a = new CacheEngine(TestSettings.settings(d), shared, clock, "");
        CacheEngine b = new CacheEngine(TestSettings.settings(d), shared, clock, "");
        try {
            RecordingTarget client = new RecordingTarget("Cache-Control", "max-age=600");
            Capture capture = new Capture(b, b.begin("GET", "http://example.org", 80, "/page", null, name -> null), client);
            capture.tags().add("xkey", "c55");
            capture.write(new byte[] {'x'}, 0, 1);
            capture.finish();
            assertTrue(b.fresh(b.begin("GET", "http://example.org", 80, "/page", null, name -> null)) != null,
                    "stored by node B");

            a.purger().purgeTags(List.of("c55"), false);
            await(() -> received.size() == 1 && a.purgeServers().idle(), "node A's purge downstream");
            assertEquals(null, b.fresh(b.begin("GET", "http://example.org", 80, "/page", null, name -> null)),
                    "node B honours node A's purge");
            // what B sends is queued at once (pending) and counted when sent: it was never asked to
            assertEquals(0, b.purgeServers().pending());
            assertEquals(0, b.downstreamCounters().sent() + b.downstreamCounters().failed());
            assertEquals(1, received.size());
            assertEquals("c55", received.get(0).fields().get("xkey-softpurge"));
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void anUnsafeRequestsInvalidationOfAStoredUrlGoesDownstream() throws Exception {
        CacheEngine engine = engine(recorder(false), PurgeServerKind.HTTP, true, 3, 2000);
        RecordingTarget client = new RecordingTarget("Cache-Control", "max-age=600");
        Capture capture = new Capture(engine, engine.begin("GET", "http://example.org", 80, "/stored", null, name -> null),
                client);
        capture.write(new byte[] {'x'}, 0, 1);
        capture.finish();
        assertTrue(engine.purger().invalidate("/stored"));
        assertFalse(engine.purger().invalidate("/never-stored"), "nothing stored: nothing sent");
        await(() -> received.size() >= 1 && engine.purgeServers().idle(), "the invalidation");
        assertEquals(1, received.size());
        assertEquals("PURGE", received.get(0).method());
        assertEquals("/stored", received.get(0).path());
    }

    @Test
    void forgettingUserContextsPurgesTheHashLookupsKeptInFront() throws Exception {
        CacheEngine engine = engine(recorder(false), PurgeServerKind.HTTP, true, 3, 2000);
        engine.purger().forgetUserContexts();
        engine.purger().forgetUserContext("reader1");
        await(() -> received.size() >= 1 && engine.purgeServers().idle(), "the purge of the lookups' tag");
        assertEquals(Purger.USER_CONTEXT_TAG, received.get(0).fields().get("X-Cache-Tags"));
        assertEquals("Bearer secret-token", received.get(0).fields().get("Authorization"),
                "another Gatecache's token");
    }

    @Test
    void aServerThatDoesNotAnswerHoldsNobodyUpAndIsOwedAPurgeOfEverything() throws Exception {
        CacheEngine engine = engine(recorder(true), PurgeServerKind.VARNISH_XKEY, true, 1, 300);
        engine.purger().purgeTags(List.of("c55"), false);
        // the purge returned while the server still holds the request: nothing waits for it
        await(() -> received.size() >= 1, "the request reached the server");
        assertEquals(1, released.getCount(), "the server has not answered");
        await(() -> engine.downstreamCounters().failed() >= 1, "the request timed out, twice");
        // retried once before it failed; the purge of everything owed since is tried (and
        // retried) too, so the count only grows from there (PurgeQueueTest counts each try)
        assertTrue(engine.downstreamCounters().retried() >= 1);
        assertTrue(received.size() >= 2);
        assertEquals("PURGEKEYS", received.get(0).method());
        assertEquals(List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
                engine.purgeServers().owingEverything());
        released.countDown(); // from now on it answers
        await(() -> engine.downstreamCounters().everything() == 1, "the purge of everything taken");
        Received last = received.get(received.size() - 1);
        assertEquals("BAN", last.method());
        assertEquals(".*", last.fields().get("X-Url"));
        assertTrue(engine.purgeServers().owingEverything().isEmpty());
    }

    @Test
    void aServerThatIsDownIsRetriedThenCountedAsFailed() throws Exception {
        int port = freePort();
        CacheEngine engine = engine(URI.create("http://127.0.0.1:" + port), PurgeServerKind.VARNISH_XKEY, true, 2, 500);
        engine.purger().purgeTags(List.of("c55"), false);
        await(() -> engine.downstreamCounters().failed() >= 1, "counted as failed");
        // two retries came before the failure; the purge of everything owed since is being tried
        // (and retried) too, so the count only grows from there (PurgeQueueTest counts each try)
        assertTrue(engine.downstreamCounters().retried() >= 2, "retried before it failed");
        assertEquals(0, engine.downstreamCounters().sent());
        assertFalse(engine.purgeServers().owingEverything().isEmpty(), "owed a purge of everything");
    }
}
