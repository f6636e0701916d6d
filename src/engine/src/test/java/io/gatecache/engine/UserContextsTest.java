package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.context.ContextHash;
import io.gatecache.core.context.LocalContextHashes;
import io.gatecache.core.purge.TrustedCallers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The context-aware cache's stage: hashes worked out once per session, held, forgotten; the lookup; refusals. */
class UserContextsTest {

    private final long[] now = {1_000};
    private final LocalContextHashes hashes = new LocalContextHashes(() -> now[0], 1_000);
    private final Settings.UserContext settings = new Settings.UserContext("X-User-Hash", 600_000, List.of(), false,
            TrustedCallers.of("192.0.2.9", null), "/_fos_user_context_hash");
    private final UserContexts contexts = new UserContexts(settings, hashes, "/site", false, 10_000,
            io.gatecache.engine.downstream.DownstreamTags.none());

    /** A request of a user with roles, through a session (or anonymous when session and credentials are null). */
    private static class User implements UserContexts.Source {
        final Map<String, String> fields = new HashMap<>();
        String method = "GET";
        String path = "/site/location/2";
        String remote = "192.0.2.1";
        String session;
        String user;
        String roles;
        String state = "";
        final AtomicInteger asked = new AtomicInteger();
        CountDownLatch workingOut;

        static User session(String id, String user, String roles) {
            User u = new User();
            u.session = id;
            u.user = user;
            u.roles = roles;
            u.fields.put("Cookie", "JSESSIONID=" + id);
            return u;
        }

        @Override public String method() { return method; }
        @Override public String path() { return path; }
        @Override public String query() { return null; }
        @Override public String origin() { return "http://example.org"; }
        @Override public int localPort() { return 80; }
        @Override public String field(String name) { return fields.get(name); }
        @Override public String remoteAddress() { return remote; }
        @Override public String session() { return session; }
        @Override public String user() { return user; }
        @Override public String contextState() { return state; }

        @Override
        public Map<String, String> userContext() {
            asked.incrementAndGet();
            if (workingOut != null) {
                try {
                    workingOut.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return roles == null ? Map.of() : Map.of("roles", roles);
        }
    }

    @Test
    void anonymousRequestsAskNobody() {
        User anonymous = new User();
        UserContexts.Resolved r = contexts.resolve(anonymous, false);
        assertEquals(ContextHash.ANONYMOUS, r.hash());
        assertEquals(0, anonymous.asked.get());
        assertEquals(0, contexts.lookups());
    }

    @Test
    void aSessionsHashIsWorkedOutOnceAndSharedByRoleNotByUser() {
        User reader1 = User.session("s1", "reader1", "reader");
        String first = contexts.resolve(reader1, false).hash();
        assertEquals(first, contexts.resolve(reader1, false).hash());
        assertEquals(1, reader1.asked.get());
        User reader2 = User.session("s2", "reader2", "reader");
        assertEquals(first, contexts.resolve(reader2, false).hash(), "same roles, same hash");
        User editor = User.session("s3", "editor", "editor,reader");
        assertNotEquals(first, contexts.resolve(editor, false).hash());
        assertNotEquals(ContextHash.ANONYMOUS, first);
        assertEquals(3, contexts.lookups());
        now[0] += 600_000;
        contexts.resolve(reader1, false);
        assertEquals(2, reader1.asked.get(), "worked out again after the TTL");
    }

    @Test
    void requestsOfOneSessionArrivingTogetherWorkItOutOnce() throws Exception {
        User reader = User.session("s1", "reader1", "reader");
        reader.workingOut = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> contexts.resolve(reader, false).hash()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (reader.asked.get() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            reader.workingOut.countDown();
            for (Future<String> f : all) {
                assertEquals(ContextHash.of(Map.of("roles", "reader")), f.get(5, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, reader.asked.get());
        assertEquals(1, contexts.lookups());
    }

    @Test
    void forgettingASessionAUserOrAllMakesItWorkedOutAgain() {
        User reader = User.session("s1", "reader1", "reader");
        contexts.resolve(reader, false);
        contexts.forgetSession("s1");
        contexts.resolve(reader, false);
        assertEquals(2, reader.asked.get());
        contexts.forgetUser("reader1");
        contexts.resolve(reader, false);
        assertEquals(3, reader.asked.get());
        contexts.forgetAll();
        contexts.resolve(reader, false);
        assertEquals(4, reader.asked.get());
    }

    @Test
    void aContextThatChangesWhileARequestRunsIsSeenChanged() {
        User reader = User.session("s1", "reader1", "reader");
        UserContexts.Held held = contexts.resolve(reader, false).held();
        assertTrue(held.unchanged());
        reader.state = "s2 reader1";
        assertFalse(held.unchanged(), "its session changed its id");
        reader.state = "";
        UserContexts.Held again = contexts.resolve(reader, false).held();
        contexts.forgetUser("editor");
        assertFalse(again.unchanged(), "a context was forgotten meanwhile");
    }

    @Test
    void aHashFieldIsRefusedUnlessATrustedProxyOrTheCacheItselfSentIt() {
        User client = new User();
        client.fields.put("X-User-Hash", "anything");
        UserContexts.Resolved refused = contexts.resolve(client, false);
        assertEquals(400, refused.answer().status());
        assertEquals("anything", contexts.resolve(client, true).hash(), "a fragment of a page carries its hash");
        assertFalse(contexts.resolve(client, true).held().shown(), "nor does a fragment's caller see it");
        client.remote = "192.0.2.9";
        UserContexts.Resolved proxied = contexts.resolve(client, false);
        assertEquals("anything", proxied.hash());
        assertTrue(proxied.held().shown(), "the proxy that set it keeps a copy per hash: its Vary names the field");
    }

    @Test
    void theLookupAnswersAsFosHttpCacheDoes() {
        User reader = User.session("s1", "reader1", "reader");
        reader.path = "/site/_fos_user_context_hash";
        reader.fields.put("Accept", "application/vnd.fos.user-context-hash");
        Answer a = contexts.resolve(reader, false).answer();
        assertNotNull(a);
        assertEquals(200, a.status());
        Map<String, String> fields = new HashMap<>();
        a.forEachField(fields::put);
        assertEquals(ContextHash.of(Map.of("roles", "reader")), fields.get("X-User-Hash"));
        assertEquals("application/vnd.fos.user-context-hash", fields.get("Content-Type"));
        assertEquals("max-age=600", fields.get("Cache-Control"));
        assertEquals("Cookie, Authorization", fields.get("Vary"));
        reader.path = "/site/location/2";
        assertEquals(400, contexts.resolve(reader, false).answer().status());
    }

    @Test
    void theLookupCarriesItsTagToTheProxyInFrontSoThatForgettingPurgesIt() {
        UserContexts tagged = new UserContexts(settings, hashes, "/site", false, 10_000,
                new io.gatecache.engine.downstream.DownstreamTags(io.gatecache.core.downstream.TagField.of("xkey", 0), 300,
                        java.time.Clock.systemUTC(), new io.gatecache.engine.downstream.DownstreamCounters()));
        User reader = User.session("s1", "reader1", "reader");
        reader.path = "/site/_fos_user_context_hash";
        reader.fields.put("Accept", "application/vnd.fos.user-context-hash");
        Map<String, String> fields = new HashMap<>();
        tagged.resolve(reader, false).answer().forEachField(fields::put);
        assertEquals(Purger.USER_CONTEXT_TAG, fields.get("xkey"));
        assertEquals("max-age=600", fields.get("Cache-Control"));
    }

    @Test
    void aProviderThatFailsLeavesTheRequestWithoutAHash() {
        User broken = new User() {
            @Override
            public Map<String, String> userContext() {
                throw new IllegalStateException("no database");
            }
        };
        broken.session = "s9";
        broken.fields.put("Cookie", "JSESSIONID=s9");
        UserContexts.Resolved r = contexts.resolve(broken, false);
        assertNull(r.hash());
        assertNull(r.answer());
    }

    @Test
    void alwaysVaryStoresEveryResponseUnderItsHash() {
        io.gatecache.testing.SettableClock clock = new io.gatecache.testing.SettableClock(1_000_000);
        MemoryResponseStore store = new MemoryResponseStore(clock, 16);
        CacheEngine engine = new CacheEngine(TestSettings.settings(new Settings.UserContext("X-User-Hash", 600_000,
                List.of(), true, TrustedCallers.NOBODY, "/_fos_user_context_hash")), store, clock, "");
        Exchange readers = engine.begin("GET", "http://example.org", 80, "/p", null,
                name -> name.equalsIgnoreCase("X-User-Hash") ? "readers" : name.equals("Cookie") ? "JSESSIONID=1" : null);
        io.gatecache.core.Headers fields = io.gatecache.core.Headers.of("Cache-Control", "max-age=60");
        engine.respond(readers, 200, fields, false, false);
        engine.complete(readers, 200, fields, "members".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Set.of());
        assertEquals(List.of("x-user-hash"), store.get("/p").get(0).vary().fields(),
                "stored varying on the hash, and despite the cookie");
        Exchange editors = engine.begin("GET", "http://example.org", 80, "/p", null,
                name -> name.equalsIgnoreCase("X-User-Hash") ? "editors" : null);
        assertNull(engine.fresh(editors), "another hash: not the readers' page");
        Exchange again = engine.begin("GET", "http://example.org", 80, "/p", null,
                name -> name.equalsIgnoreCase("X-User-Hash") ? "readers" : null);
        Answer hit = engine.fresh(again);
        assertNotNull(hit);
        hit.forEachField((name, value) -> assertFalse(name.equalsIgnoreCase("Vary") && value.contains("X-User-Hash")));
    }
}
