package io.gatecache.it;

import static io.gatecache.it.Http.cacheStatus;
import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gatecache.it.ScriptedOrigin.Reply;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The probe's cases, replayed over real HTTP against gateway mode in front of an origin that
 * echoes what it was asked ({@link ScriptedOrigin#ECHO}): key confusion, request smuggling
 * shapes, unkeyed fields, foreign hosts, coalescing per variant. Each is named for what it checks.
 */
class HardeningIT extends ArquillianHttpCase {

    static final ScriptedOrigin ORIGIN = ScriptedOrigin.start();
    /**
     * How long after its connection ended a request smuggled behind another is watched for at the
     * origin: a server that ran it would forward it within this, however late it got to it.
     */
    private static final Duration SMUGGLED_WINDOW = Duration.ofSeconds(2);
    /** The front door's refusal of a request that came behind the answer closing its connection. */
    private static final String REFUSED_BEHIND = "Bad request: a request sent behind one after which the connection closes";

    @Deployment(testable = false)
    static WebArchive deployment() {
        // a coalescing wait far longer than the tests' own: a request that waits is seen waiting
        return Deployments.example("ROOT.war", "gatecache.gateway.origin=" + ORIGIN.url()
                + "\ngatecache.gateway.strip-request-fields=X-Debug-Route\ngatecache.coalescing-timeout-ms=60000\n");
    }

    @AfterAll
    static void stopOrigin() {
        ORIGIN.close();
    }

    /** The first line of an echo: the method and target the origin was asked for. */
    private static String asked(String echo) {
        return echo.lines().findFirst().orElse("");
    }

    // ---- key confusion --------------------------------------------------------------------

    /**
     * A target as sent, and the one the cache keys it as (and so must ask the origin for). A target
     * ending in {@code /.} is not among them: Payara 6's Grizzly fails on it when its last byte ends
     * the buffer it is read from (an {@code ArrayIndexOutOfBoundsException} in
     * {@code HttpRequestURIDecoder.normalizeBytes}, answered with an empty 200 before any
     * application sees the request), which depends on how the request arrived; the key of such a
     * target is {@code CacheKeyTest}'s, and {@code /./} at the end is sent here instead.
     */
    static Stream<Arguments> keyConfusion() {
        return Stream.of(
                arguments("/echo/k1/b/../a", "/echo/k1/a"),
                arguments("/echo/k2/./a", "/echo/k2/a"),
                arguments("/echo/k3/b/%2e%2e/a", "/echo/k3/a"),
                arguments("/echo/k4/b/%2E%2E/a", "/echo/k4/a"),
                arguments("/echo/k5/a/./", "/echo/k5/a/"),
                arguments("/echo/k6/%61", "/echo/k6/a"),
                arguments("/echo/k7/x%2fy", "/echo/k7/x%2Fy"),
                arguments("/echo/k8/a?", "/echo/k8/a"),
                arguments("/echo/k9/%7euser", "/echo/k9/~user"));
    }

    @ParameterizedTest(name = "{0} is asked of the origin as {1}")
    @MethodSource("keyConfusion")
    @Tag("MUST")
    void theOriginIsAskedForExactlyWhatTheCacheKeys(String sent, String keyed) {
        RawHttp.Exchange first = RawHttp.get(base, sent);
        assertEquals(200, first.status(), first.response());
        assertEquals("GET " + keyed, asked(first.body()), "the origin was asked for the keyed target: " + first.response());
        RawHttp.Exchange second = RawHttp.get(base, keyed);
        assertEquals("HIT", second.header("X-Cache"), second.response());
        assertEquals("GET " + keyed, asked(second.body()), "the entry is the origin's answer to the keyed target");
    }

    // ---- framing --------------------------------------------------------------------------

    /** A request smuggled behind another on its connection, each to its own path. */
    private static String behind(int i) {
        return "GET /echo/sm/behind" + i + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    /** Framing shapes the front door sees and refuses, each with a request smuggled behind it. */
    static Stream<Arguments> smuggling() {
        return Stream.of(
                arguments("identity, chunked", 3,
                        "POST /echo/sm/front3 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: identity, chunked\r\n"
                        + "\r\n0\r\n\r\n" + behind(3)),
                arguments("gzip, chunked", 4,
                        "POST /echo/sm/front4 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n"
                        + "\r\n0\r\n\r\n" + behind(4)),
                arguments("a second Host", 5,
                        "GET /echo/sm/front5 HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n" + behind(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smuggling")
    @Tag("MUST")
    void ambiguousFramingIsA400ThatClosesTheConnectionAndForwardsNothing(String shape, int i, String request)
            throws InterruptedException {
        RawHttp.Exchange r = RawHttp.send(base, request);
        assertEquals(400, r.status(), r.response());
        assertEquals("close", r.header("Connection"));
        assertEquals(1, r.responses(), "nothing behind it ran: " + r.response());
        assertTrue(r.closed(), "the connection is closed after the 400");
        // a late one: nothingSentBehindAnyFramingShapeRunsAsARequestOfItsOwn watches for it
        assertTrue(ORIGIN.seen("/echo/sm/behind" + i).isEmpty(), "the smuggled request never reached the origin");
        assertTrue(ORIGIN.seen("/echo/sm/front" + i).isEmpty(), "the refused request was not forwarded");
    }

    /**
     * Shapes the container answers itself or hides from the application: Grizzly refuses
     * Transfer-Encoding followed by Content-Length, and disagreeing Content-Lengths, with its own
     * 400; it drops a Content-Length followed by Transfer-Encoding and reads the body as chunked.
     * Whatever it did, nothing sent behind them runs: the front door closes the connection after
     * every chunked request.
     */
    static Stream<Arguments> containerShapes() {
        return Stream.of(
                arguments("Content-Length then Transfer-Encoding", 1,
                        "POST /echo/sm/front1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + behind(1)),
                arguments("Transfer-Encoding then Content-Length", 2,
                        "POST /echo/sm/front2 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Length: 40\r\n\r\n0\r\n\r\n" + behind(2)),
                arguments("Content-Length twice, disagreeing", 6,
                        "POST /echo/sm/front6 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                        + "Content-Length: 44\r\n\r\n" + behind(6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containerShapes")
    @Tag("MUST")
    void nothingSmuggledBehindAnAmbiguousRequestRuns(String shape, int i, String request)
            throws InterruptedException {
        RawHttp.Exchange r = RawHttp.send(base, request);
        assertEquals(1, r.responses(), "one response only: " + r.response());
        assertEquals("close", r.header("Connection"), r.response());
        assertTrue(r.closed(), "the connection is closed after it");
        // a late one: nothingSentBehindAnyFramingShapeRunsAsARequestOfItsOwn watches for it
        assertTrue(ORIGIN.seen("/echo/sm/behind" + i).isEmpty(), "the smuggled request never reached the origin");
    }

    /**
     * A request sent with another behind it in the same write, and the status its own answer has
     * (0: whatever the container makes of it).
     */
    record Shape(String name, String front, int status, String behind) {
        Shape(String name, String front, int status) {
            this(name, front, status, null);
        }
    }

    /**
     * Every framing that may leave bytes behind a request on its connection (those of the two tests
     * above among them): Content-Length then Transfer-Encoding in seven spellings (Grizzly drops
     * the Content-Length and reads the body as chunked), a plain chunked request, the other way
     * round, disagreeing Content-Lengths, the Transfer-Encodings the front door refuses (with a
     * last chunk, and without a body), a second Host, a client that says close (HTTP/1.1 and
     * HTTP/1.0), and a chunked request whose large answer is still being written when the
     * container gets to what it holds behind it. Whatever the container makes of each, the
     * request behind it never reaches the application or the origin, and is never answered.
     */
    static List<Shape> framingShapes() {
        List<Shape> shapes = new java.util.ArrayList<>();
        for (String te : List.of("chunked", "Chunked", "CHUNKED", " chunked", "chunked ", "\tchunked", "chunked\t")) {
            shapes.add(new Shape("Content-Length then Transfer-Encoding:" + te, "POST /echo/sm/f HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding:" + te + "\r\n\r\n0\r\n\r\n", 0));
        }
        shapes.add(new Shape("chunked", "POST /echo/sm/f HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 200));
        shapes.add(new Shape("Transfer-Encoding then Content-Length", "POST /echo/sm/f HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n0\r\n\r\n", 0));
        shapes.add(new Shape("Content-Length twice, disagreeing", "POST /echo/sm/f HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: 0\r\nContent-Length: 44\r\n\r\n", 0));
        for (String te : List.of("xchunked", "chunked, identity", "identity, chunked", "chunked\r\nTransfer-Encoding: chunked",
                "\"chunked\"", "chunked;q=1", "gzip, chunked", "chunk")) {
            shapes.add(new Shape("Transfer-Encoding: " + te + ", a last chunk", "POST /echo/sm/f HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nTransfer-Encoding: " + te + "\r\n\r\n0\r\n\r\n", 0));
            shapes.add(new Shape("Transfer-Encoding: " + te + ", no body", "POST /echo/sm/f HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nTransfer-Encoding: " + te + "\r\n\r\n", 0));
        }
        shapes.add(new Shape("a second Host", "GET /echo/sm/f HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n",
                400));
        shapes.add(new Shape("Connection: close", "GET /echo/sm/close HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n", 200));
        shapes.add(new Shape("HTTP/1.0", "GET /echo/sm/http10 HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", 200));
        shapes.add(new Shape("chunked, with a large answer", "POST /large/answer HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 200));
        // behind it, a page the store holds: a front door below the container would answer it
        shapes.add(new Shape("chunked, with a large answer, a stored page behind it", "POST /large/answer HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 200, "/echo/sm/stored"));
        return shapes;
    }

    @Test
    @Tag("MUST")
    void nothingSentBehindAnyFramingShapeRunsAsARequestOfItsOwn() throws Exception {
        ORIGIN.script("/large/answer", Reply.of(200, "x".repeat(16 << 20), "Cache-Control", "no-store"));
        assertEquals("HIT", xCache(getUntilHit("echo/sm/stored")), "the stored page behind one of them");
        List<Shape> shapes = framingShapes();
        List<String> behind = new java.util.ArrayList<>();
        List<Integer> seenBefore = new java.util.ArrayList<>();
        List<RawHttp.Exchange> exchanges = new java.util.ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            String path = shapes.get(i).behind() != null ? shapes.get(i).behind() : "/echo/sm/behind" + (100 + i);
            behind.add(path);
            seenBefore.add(ORIGIN.seen(path).size());
            exchanges.add(RawHttp.send(base, shapes.get(i).front() + "GET " + path + " HTTP/1.1\r\nHost: "
                    + base.getHost() + ":" + base.getPort() + "\r\n\r\n"));
        }
        // one window for all of them: each was sent and answered before it began
        List<String> neverAsked = new java.util.ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            if (shapes.get(i).behind() == null) {
                neverAsked.add(behind.get(i));
            }
        }
        ORIGIN.anyArrivesWithin(neverAsked, SMUGGLED_WINDOW);
        List<org.junit.jupiter.api.function.Executable> checks = new java.util.ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            Shape shape = shapes.get(i);
            RawHttp.Exchange r = exchanges.get(i);
            String smuggled = behind.get(i);
            int seen = seenBefore.get(i);
            checks.add(() -> {
                String what = shape.name() + ": " + r.response().lines().findFirst().orElse("(nothing)");
                if (shape.status() != 0) {
                    assertEquals(shape.status(), r.status(), what);
                }
                // a container still writing the first answer when it gets to what is behind it sends
                // the cache's refusal after it (which a client that read the close discards): never
                // an answer to the request behind
                for (String later : r.later()) {
                    assertTrue(later.startsWith("HTTP/1.1 400 ") && later.contains(REFUSED_BEHIND),
                            what + ": an answer to the request behind it: " + later.lines().findFirst().orElse(""));
                }
                assertTrue(r.closed(), what + ": the connection closed after it");
                assertEquals(seen, ORIGIN.seen(smuggled).size(), what + ": the request behind it reached the origin");
            });
        }
        assertAll(checks);
    }

    /** The page, asked until the store answers it (a first request stores it). */
    private HttpResponse<String> getUntilHit(String path) {
        return http.getUntil(path, x -> "HIT".equals(xCache(x)), Duration.ofSeconds(30));
    }

    @Test
    void anOrdinaryChunkedRequestIsForwardedWithItsBody() {
        RawHttp.Exchange r = RawHttp.send(base, "POST /echo/chunked HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertEquals(200, r.status(), r.response());
        assertEquals("hello", ORIGIN.seen("/echo/chunked").get(0).body());
    }

    // ---- unkeyed fields -------------------------------------------------------------------

    @Test
    @Tag("MUST")
    void fieldsThatWouldShapeAnUnkeyedAnswerNeverReachTheOrigin() {
        HttpResponse<String> r = http.get("echo/strip", "X-Original-URL", "/admin", "X-Rewrite-URL", "/admin",
                "X-HTTP-Method-Override", "DELETE", "X-Forwarded-Server", "evil", "X-Host", "evil.example",
                "X-Forwarded-Prefix", "/evil", "X-Debug-Route", "configured", "X_Original_URL", "/admin",
                "X-Forwarded-Scheme", "http", "X-Forwarded-Uri", "/evil", "X-Forwarded-Path", "/evil",
                "X-Forwarded-Hostname", "evil.example", "X-Host-Override", "evil.example", "X-Proxy-Url",
                "http://evil.example/", "Base-Url", "http://evil.example/", "X-Kept", "yes");
        assertEquals(200, r.statusCode());
        for (String stripped : List.of("x-original-url", "x_original_url", "x-rewrite-url", "x-http-method-override",
                "x-forwarded-server", "x-host", "x-forwarded-prefix", "x-debug-route", "x-forwarded-scheme",
                "x-forwarded-uri", "x-forwarded-path", "x-forwarded-hostname", "x-host-override", "x-proxy-url",
                "base-url")) {
            assertFalse(r.body().contains("\n" + stripped + ":"), stripped + " reached the origin:\n" + r.body());
        }
        assertTrue(r.body().contains("\nx-kept: yes\n"), "other fields are forwarded:\n" + r.body());
    }

    @Test
    @Tag("MUST")
    void aFieldTheConnectionFieldNamesNeitherPicksNorStoresAVariant() {
        // the first answer is the origin's for no language, the next its German one
        ORIGIN.script("/echo-less/conn", Reply.of(200, "no language", "Cache-Control", "max-age=60", "Vary",
                "Accept-Language"), Reply.of(200, "German", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        RawHttp.Exchange named = RawHttp.get(base, "/echo-less/conn", "Accept-Language: de",
                "Connection: Accept-Language");
        assertEquals(200, named.status());
        assertEquals("no language", named.body());
        assertNull(ORIGIN.seen("/echo-less/conn").get(0).header("Accept-Language"), "the field reached the origin");
        // a German reader is not served what the origin answered without the field
        RawHttp.Exchange german = RawHttp.get(base, "/echo-less/conn", "Accept-Language: de");
        assertEquals("German", german.body());
        assertEquals(2, ORIGIN.seen("/echo-less/conn").size());
        // and the request naming the field is never served the German variant
        RawHttp.Exchange again = RawHttp.get(base, "/echo-less/conn", "Accept-Language: de",
                "Connection: Accept-Language");
        assertEquals("no language", again.body());
        assertEquals("HIT", again.header("X-Cache"));
    }

    // ---- hosts ----------------------------------------------------------------------------

    @Test
    @Tag("MUST")
    void responsesForAHostThisCacheDoesNotServeAreNeverStored() {
        String foreign = "GET /echo/foreign HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n";
        RawHttp.Exchange first = RawHttp.send(base, foreign);
        RawHttp.Exchange second = RawHttp.send(base, foreign);
        assertEquals(200, first.status());
        assertEquals("BYPASS", first.header("X-Cache"));
        assertFalse(first.header("Cache-Status").contains("stored"), first.header("Cache-Status"));
        assertEquals("BYPASS", second.header("X-Cache"), "served again by the origin, not from the store");
        assertEquals(2, ORIGIN.seen("/echo/foreign").size());
        HttpResponse<String> own = http.get("echo/foreign");
        assertEquals("MISS", xCache(own), "the served host's entry is its own");
    }

    @Test
    @Tag("MUST")
    void aServedHostOnAnotherPortIsNeverStoredSoItCannotPushTheRealVariantsOut() {
        HttpResponse<String> own = http.get("echo/ports");
        assertTrue(cacheStatus(own).contains("stored"), cacheStatus(own));
        for (int port = 1; port <= 20; port++) {
            RawHttp.Exchange other = RawHttp.send(base, "GET /echo/ports HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n");
            assertEquals("BYPASS", other.header("X-Cache"), other.response());
        }
        assertEquals("HIT", xCache(http.get("echo/ports")), "the real host's entry is still there");
    }

    // ---- coalescing -----------------------------------------------------------------------

    @Test
    void concurrentMissesForOtherVariantsDoNotWaitForEachOther() throws Exception {
        ORIGIN.script("/variants/page", Reply.of(200, "v", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        assertTrue(cacheStatus(http.get("variants/page", "Accept-Language", "en")).contains("stored"));
        ScriptedOrigin.Hold hold = ORIGIN.hold("/variants/page", 2);
        CompletableFuture<HttpResponse<String>> de = http.getAsync("variants/page", "Accept-Language", "de");
        CompletableFuture<HttpResponse<String>> fr = http.getAsync("variants/page", "Accept-Language", "fr");
        try {
            assertTrue(hold.awaitArrivals(Duration.ofSeconds(5)), "both variants reached the origin at once");
            assertEquals(2, hold.held());
        } finally {
            hold.release();
        }
        assertEquals(200, de.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, fr.get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void concurrentMissesForAnotherHostDoNotWaitForEachOther() throws Exception {
        ORIGIN.script("/hosts/page", Reply.of(200, "h", "Cache-Control", "max-age=60"));
        ScriptedOrigin.Hold hold = ORIGIN.hold("/hosts/page", 2);
        Http byAddress = new Http(new URL("http://127.0.0.1:" + base.getPort() + "/"));
        Http byName = new Http(new URL("http://localhost:" + base.getPort() + "/"));
        CompletableFuture<HttpResponse<String>> a = byAddress.getAsync("hosts/page");
        CompletableFuture<HttpResponse<String>> b = byName.getAsync("hosts/page");
        try {
            assertTrue(hold.awaitArrivals(Duration.ofSeconds(5)), "both hosts reached the origin at once");
        } finally {
            hold.release();
        }
        assertEquals(200, a.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, b.get(10, TimeUnit.SECONDS).statusCode());
    }

    // ---- small ones -----------------------------------------------------------------------

    @Test
    void aHitCarriesTheStoredServerFieldOnly() {
        ORIGIN.script("/server/page", Reply.of(200, "s", "Cache-Control", "max-age=60", "Server", "origin/1.0"));
        http.get("server/page");
        HttpResponse<String> hit = http.get("server/page");
        assertEquals("HIT", xCache(hit));
        assertEquals(List.of("origin/1.0"), hit.headers().allValues("Server"));
    }

    @Test
    @Tag("MUST")
    void aGetBodyIsForwardedButItsAnswerIsNeverStored() {
        HttpResponse<String> r = http.send(http.request("echo/getbody").method("GET",
                java.net.http.HttpRequest.BodyPublishers.ofString("payload")).build());
        assertEquals(200, r.statusCode());
        assertEquals("payload", ORIGIN.seen("/echo/getbody").get(0).body());
        assertFalse(cacheStatus(r).contains("stored"), cacheStatus(r));
        assertTrue(cacheStatus(r).contains("request body"), cacheStatus(r));
        assertNotEquals("HIT", xCache(http.get("echo/getbody")), "the body's answer is not served to others");
    }
}
