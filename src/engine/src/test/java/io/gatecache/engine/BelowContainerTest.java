package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheOptions;
import io.gatecache.core.Headers;
import io.gatecache.testing.SettableClock;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The door below the container, as every server's adapter uses it: which requests it looks at,
 * which applications it leaves to the container, what it answers, and what happens when it fails.
 */
class BelowContainerTest {

    private static final String ORIGIN = "http://example.org";
    private final SettableClock clock = new SettableClock(1_000_000);
    private final MemoryResponseStore store = new MemoryResponseStore(clock, 16);
    private final CacheEngine engine = engine(false, true);
    private final ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
    private final BelowContainer door = door(engine);

    private CacheEngine engine(boolean debug, boolean fastPath) {
        return new CacheEngine(TestSettings.settings(CacheOptions.DEFAULTS, 10_000, debug, fastPath), store, clock,
                "");
    }

    private BelowContainer door(CacheEngine on) {
        return new BelowContainer(on, store, application, "/shop", "JSESSIONID", FrontDoor.UNDERTOW);
    }

    /** A request of a client, with its fields. */
    private record FakeRequest(String method, String target, int hosts, Map<String, String> fields)
            implements BelowContainer.Request {
        static FakeRequest get(String target) {
            return new FakeRequest("GET", target, 1, Map.of());
        }

        FakeRequest with(String name, String value) {
            Map<String, String> more = new HashMap<>(fields);
            more.put(name, value);
            return new FakeRequest(method, target, hosts, more);
        }

        @Override
        public String path() {
            return target;
        }

        @Override
        public String query() {
            return null;
        }

        @Override
        public String origin() {
            return ORIGIN;
        }

        @Override
        public int localPort() {
            return 80;
        }

        @Override
        public String field(String name) {
            return fields.get(name);
        }
    }

    /** A response that keeps what was written, and fails on write when told to. */
    private static final class FakeResponse implements BelowContainer.Response {
        Answer written;
        boolean committed;
        boolean reset;
        RuntimeException failure;
        boolean commitsBeforeFailing;
        ClassLoader loaderWhileWriting;

        @Override
        public void write(Answer answer) {
            loaderWhileWriting = Thread.currentThread().getContextClassLoader();
            if (failure != null) {
                committed = commitsBeforeFailing;
                throw failure;
            }
            written = answer;
            committed = true;
        }

        @Override
        public boolean committed() {
            return committed;
        }

        @Override
        public void reset() {
            reset = true;
        }
    }

    /** Stores a fresh response for a path, as the servlet front door would after a miss. */
    private void stored(String path, String body) {
        Exchange ex = engine.begin("GET", ORIGIN, 80, path, null, name -> null);
        Headers fields = Headers.of("Cache-Control", "max-age=60");
        engine.respond(ex, 200, fields, false, false);
        engine.complete(ex, 200, fields, body.getBytes(StandardCharsets.UTF_8), Set.of());
    }

    @Test
    void onlyPlainGetsAndHeadsOfClientsAreLookedAt() {
        assertTrue(door.eligible(FakeRequest.get("/page")));
        assertTrue(door.eligible(new FakeRequest("HEAD", "/page", 0, Map.of())));
        assertFalse(door.eligible(new FakeRequest("POST", "/page", 1, Map.of())));
        assertFalse(door.eligible(new FakeRequest("PURGE", "/page", 1, Map.of())));
        assertFalse(door.eligible(FakeRequest.get("http://example.org/page")), "absolute form");
        assertFalse(door.eligible(new FakeRequest("GET", "/page", 2, Map.of())), "two Host fields");
        for (String field : List.of(EsiPages.fragmentField(), OriginClient.REFRESH_TOKEN, "Transfer-Encoding",
                "Content-Length")) {
            assertFalse(door.eligible(FakeRequest.get("/page").with(field, "1")), field);
        }
        assertTrue(door.eligible(FakeRequest.get("/page").with("Content-Length", "0")), "Java's client says 0 on a GET");
        assertFalse(door.eligible(FakeRequest.get("/page").with("Content-Length", "0, 0")), "said twice");
        assertTrue(door.eligible(FakeRequest.get("/page").with("Connection", "keep-alive")));
        assertFalse(door.eligible(FakeRequest.get("/page").with("Connection", "keep-alive, Accept-Language")),
                "a field the Connection field takes out");
        assertFalse(door(engine(false, false)).eligible(FakeRequest.get("/page")), "gatecache.fast-path=false");
        assertFalse(door(engine(true, true)).eligible(FakeRequest.get("/page")), "debug mode");
    }

    @Test
    void aFreshHitIsAnsweredWithTheApplicationsClassLoaderAndTheCallersIsRestored() {
        stored("/page", "hello");
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        FakeResponse res = new FakeResponse();
        assertTrue(door.answer(FakeRequest.get("/page"), res, false));
        assertEquals(200, res.written.status());
        assertEquals("hello", new String(res.written.body(), StandardCharsets.UTF_8));
        assertSame(application, res.loaderWhileWriting);
        assertSame(caller, Thread.currentThread().getContextClassLoader());
        assertEquals(1, engine.statistics().count(io.gatecache.core.CacheStatus.HIT, FrontDoor.UNDERTOW),
                "counted as this door's");
        assertEquals(0, engine.statistics().count(io.gatecache.core.CacheStatus.HIT, FrontDoor.SERVLET));
    }

    @Test
    void aMissGoesIntoTheContainerWithNothingWritten() {
        FakeResponse res = new FakeResponse();
        assertFalse(door.answer(FakeRequest.get("/nothing-stored"), res, false));
        assertNull(res.written);
    }

    @Test
    void anApplicationWithSecurityConstraintsIsLeftToTheContainer() {
        stored("/page", "hello");
        FakeResponse res = new FakeResponse();
        assertFalse(door.answer(FakeRequest.get("/page"), res, true));
        assertNull(res.written);
    }

    /** A page that varies on the user context hash, stored for one hash. */
    private void storedFor(String hash, String path, String body) {
        Exchange ex = engine.begin("GET", ORIGIN, 80, path, null, name -> name.equalsIgnoreCase("X-User-Hash") ? hash : null);
        Headers fields = Headers.builder().add("Cache-Control", "max-age=60").add("Vary", "Accept, X-User-Hash").build();
        engine.respond(ex, 200, fields, false, false);
        engine.complete(ex, 200, fields, body.getBytes(StandardCharsets.UTF_8), Set.of());
    }

    @Test
    void anAnonymousRequestHasTheAnonymousHashAndTheClientNeverSeesIt() {
        storedFor(io.gatecache.core.context.ContextHash.ANONYMOUS, "/page", "welcome");
        storedFor("readers", "/page", "members area");
        FakeResponse res = new FakeResponse();
        assertTrue(door.answer(FakeRequest.get("/page").with("Cookie", "theme=dark"), res, false));
        assertEquals("welcome", new String(res.written.body(), StandardCharsets.UTF_8));
        List<String> vary = new java.util.ArrayList<>();
        res.written.forEachField((name, value) -> {
            assertFalse(name.equalsIgnoreCase("X-User-Hash"));
            if (name.equalsIgnoreCase("Vary")) {
                vary.add(value);
            }
        });
        assertEquals(List.of("Accept"), vary);
    }

    @Test
    void aSessionIsAnsweredWithTheHashHeldForItAndOnlyThen() {
        storedFor("readers", "/page", "members area");
        FakeResponse unknown = new FakeResponse();
        assertFalse(door.answer(FakeRequest.get("/page").with("Cookie", "JSESSIONID=s1"), unknown, false),
                "no hash held for the session: the container knows whether it is valid");
        assertNull(unknown.written);

        store.contextHashes().put("s:s1", "readers", "reader1", 60_000);
        FakeResponse held = new FakeResponse();
        assertTrue(door.answer(FakeRequest.get("/page").with("Cookie", "theme=dark; JSESSIONID=s1"), held, false));
        assertEquals("members area", new String(held.written.body(), StandardCharsets.UTF_8));
        assertTrue(door.answer(FakeRequest.get("/page").with("Cookie", "JSESSIONID=s1.node-1"), new FakeResponse(),
                false), "the cookie with the server's route names the same session");

        store.contextHashes().forget("s:s1");
        assertFalse(door.answer(FakeRequest.get("/page").with("Cookie", "JSESSIONID=s1"), new FakeResponse(), false),
                "the session ended: its hash is forgotten");
    }

    @Test
    void credentialsAHashFieldTheLookupOrTwoSessionCookiesGoIntoTheContainer() {
        storedFor(io.gatecache.core.context.ContextHash.ANONYMOUS, "/page", "welcome");
        store.contextHashes().put("s:s1", io.gatecache.core.context.ContextHash.ANONYMOUS, null, 60_000);
        for (FakeRequest req : List.of(FakeRequest.get("/page").with("Authorization", "Basic cmVhZGVyMTpyZWFkZXIx"),
                FakeRequest.get("/page").with("X-User-Hash", io.gatecache.core.context.ContextHash.ANONYMOUS),
                FakeRequest.get("/page").with("Accept", "application/vnd.fos.user-context-hash"),
                FakeRequest.get("/page").with("Cookie", "JSESSIONID=s1; JSESSIONID=s2"),
                FakeRequest.get("/page").with("Cookie", "JSESSIONID="))) {
            FakeResponse res = new FakeResponse();
            assertFalse(door.answer(req, res, false), req.fields().toString());
            assertNull(res.written);
        }
        assertTrue(door.answer(FakeRequest.get("/page"), new FakeResponse(), false));
    }

    @Test
    void aFailureBeforeTheAnswerBeganHandsTheRequestToTheContainer() {
        stored("/page", "hello");
        FakeResponse res = new FakeResponse();
        res.failure = new IllegalStateException("the store closed");
        assertFalse(door.answer(FakeRequest.get("/page"), res, false));
        assertTrue(res.reset, "what was set is taken back");
    }

    @Test
    void aFailureAfterTheAnswerBeganEndsItHere() {
        stored("/page", "hello");
        FakeResponse res = new FakeResponse();
        res.failure = new IllegalStateException("the connection broke");
        res.commitsBeforeFailing = true;
        assertTrue(door.answer(FakeRequest.get("/page"), res, false));
        assertFalse(res.reset);
    }

    @Test
    void aClientGoneWhileTheHitIsWrittenEndsItHere() throws Exception {
        stored("/page", "hello");
        BelowContainer.Response gone = new BelowContainer.Response() {
            @Override
            public void write(Answer answer) throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public boolean committed() {
                return false;
            }

            @Override
            public void reset() {
                throw new AssertionError("nothing to take back");
            }
        };
        assertTrue(door.answer(FakeRequest.get("/page"), gone, false));
    }
}
