package io.gatecache.it;

import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.ScriptedOrigin.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Gateway mode in front of a scripted origin on 127.0.0.1, held to RFC 9110 / RFC 9111 / RFC 5861 /
 * RFC 9213: each test is named for the rule it checks and tagged with the rule's requirement level
 * (MUST, SHOULD, MAY), e.g. {@code mvn verify -Dgroups=MUST}. The example WAR is deployed at the root context with
 * gatecache.gateway.origin pointing at the origin, so every path outside /api is forwarded.
 */
class GatewayConformanceIT extends ArquillianHttpCase {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    static final ScriptedOrigin ORIGIN = ScriptedOrigin.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("ROOT.war",
                "gatecache.gateway.origin=" + ORIGIN.url() + "\ngatecache.gateway.timeout-ms=1500\ngatecache.purge.trusted-addresses=127.0.0.0/8,::1\n");
    }

    @AfterAll
    static void stopOrigin() {
        ORIGIN.close();
    }


    private HttpResponse<String> send(String method, String path, String body, String... headers) {
        return http.send(http.request(path, headers).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Scripts one reply for {@code path} and asks for it twice: the second answer. */
    private HttpResponse<String> askTwice(String path, Reply reply) {
        ORIGIN.script("/" + path, reply);
        http.get(path);
        return http.get(path);
    }

    // ---- forwarding -----------------------------------------------------------------------

    @Test
    @Tag("MUST")
    void methodPathQueryFieldsAndBodyReachTheOriginUnchanged() {
        ORIGIN.script("/fwd/echo?a=1&b=%20", Reply.of(201, "created", "Location", "/fwd/echo/1"));
        HttpResponse<String> r = send("POST", "fwd/echo?a=1&b=%20", "hello", "X-Test", "one", "Content-Type",
                "text/plain");
        assertEquals(201, r.statusCode());
        assertEquals("created", r.body());
        ScriptedOrigin.Seen seen = ORIGIN.seen("/fwd/echo?a=1&b=%20").get(0);
        assertEquals("POST", seen.method());
        assertEquals("one", seen.header("X-Test"));
        assertEquals("text/plain", seen.header("Content-Type"));
        assertEquals("hello", seen.body());
        assertTrue(seen.header("Via").contains("1.1 gatecache"), "RFC 9110 §7.6.3: a gateway adds Via");
        assertEquals("/fwd/echo/1", r.headers().firstValue("Location").orElse(""));
    }

    @Test
    @Tag("MUST")
    void anyStatusAndRepeatedResponseFieldsComeBackAsSent() {
        ORIGIN.script("/fwd/odd", Reply.of(299, "odd", "X-Multi", "a", "X-Multi", "b"));
        HttpResponse<String> r = http.get("fwd/odd");
        assertEquals(299, r.statusCode());
        assertEquals(List.of("a", "b"), r.headers().allValues("X-Multi"));
    }

    @Test
    @Tag("MUST")
    void extensionAndStandardMethodsAreForwarded() {
        for (String method : List.of("PATCH", "OPTIONS", "PUT", "DELETE", "FOO")) {
            ORIGIN.script("/fwd/m-" + method, Reply.of(200, "did " + method));
            HttpResponse<String> r = send(method, "fwd/m-" + method, method.equals("OPTIONS") ? null : "x");
            assertEquals("did " + method, r.body(), method + " " + Http.describe(r));
            assertEquals(method, ORIGIN.seen("/fwd/m-" + method).get(0).method());
            if (!method.equals("OPTIONS")) {
                // a body on DELETE has no defined meaning, but is forwarded, not refused (RFC 9110 §9.3.5)
                assertEquals("x", ORIGIN.seen("/fwd/m-" + method).get(0).body(), method);
            }
        }
    }

    @Test
    @Tag("MUST")
    void hopByHopFieldsAreNotForwarded() {
        // RFC 9110 §7.6.1: Connection and the fields it nominates are for one connection only
        ORIGIN.script("/fwd/hop", Reply.of(200, "ok"));
        // a raw request: HTTP clients will not send a Connection field on a caller's behalf
        RawHttp.Exchange r = RawHttp.send(base, "GET /fwd/hop HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "X-Private-Hop: secret\r\nConnection: X-Private-Hop, close\r\nTE: trailers\r\n\r\n");
        assertEquals(200, r.status(), r.response());
        assertTrue(r.closed(), "closed after the answer, as the client asked among other options");
        ScriptedOrigin.Seen seen = ORIGIN.seen("/fwd/hop").get(0);
        assertNull(seen.header("X-Private-Hop"));
        assertNull(seen.header("TE"));
    }

    @Test
    @Tag("MUST")
    void headIsForwardedWithTheOriginsContentLength() {
        ORIGIN.script("/fwd/head", Reply.of(200, "twelve bytes", "Cache-Control", "no-store"));
        HttpResponse<String> r = http.head("fwd/head");
        assertEquals(200, r.statusCode());
        assertEquals("12", r.headers().firstValue("Content-Length").orElse(""));
        assertEquals("HEAD", ORIGIN.seen("/fwd/head").get(0).method());
    }

    @Test
    @Tag("MUST")
    void holdsTwentyFiveConcurrentConnectionsToTheOrigin() throws InterruptedException {
        // each request is scripted before it is sent; the origin holds every one until all 25 are in
        for (int i = 0; i < 25; i++) {
            ORIGIN.script("/fwd/concurrent?i=" + i, Reply.of(200, "slow " + i, "Cache-Control", "no-store"));
        }
        ScriptedOrigin.Hold hold = ORIGIN.hold("/fwd/concurrent", 25);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                all.add(http.getAsync("fwd/concurrent?i=" + i));
            }
            assertTrue(hold.awaitArrivals(DEADLINE),
                    "only " + hold.held() + " of the 25 requests reached the origin within " + DEADLINE);
            assertEquals(25, hold.held(), "requests in flight at the origin at once");
        } finally {
            hold.release();
        }
        for (int i = 0; i < 25; i++) {
            HttpResponse<String> r = all.get(i).join();
            assertEquals(200, r.statusCode(), Http.describe(r));
            assertEquals("slow " + i, r.body());
        }
    }

    @Test
    void purgeRequestsAreAnsweredByTheCacheAndNeverForwarded() {
        ORIGIN.script("/fwd/purged", Reply.of(200, "tagged", "Cache-Control", "max-age=600", "xkey", "g1 g2"));
        assertEquals("MISS", xCache(http.get("fwd/purged")));
        HttpResponse<String> hit = http.get("fwd/purged");
        assertEquals("HIT", xCache(hit));
        assertTrue(hit.headers().firstValue("xkey").isEmpty(), "the origin's tags stay in the cache");
        HttpResponse<String> purged = send("PURGE", "fwd/other", null, "xkey", "g2");
        assertEquals(200, purged.statusCode(), purged.body());
        assertEquals("MISS", xCache(http.get("fwd/purged")), "the origin's tags purge its response");
        for (String method : new String[] {"PURGE", "PURGETAGS", "BAN", "PURGEKEYS"}) {
            send(method, "fwd/p-" + method, null, "X-Url", ".*", "X-Cache-Tags", "x", "xkey-purge", "x");
            assertTrue(ORIGIN.seen("/fwd/p-" + method).isEmpty(), method + " reached the origin");
        }
        assertTrue(ORIGIN.seen("/fwd/other").isEmpty());
    }

    @Test
    void anEsiPageFromTheOriginIsAssembledEachFragmentCachedOnItsOwn() {
        ORIGIN.script("/esi/page", Reply.of(200, "<p><esi:include src=\"/esi/frag\"/><esi:remove>no</esi:remove></p>",
                "Cache-Control", "max-age=600", "Surrogate-Control", "content=\"ESI/1.0\"", "Content-Type", "text/html"));
        ORIGIN.script("/esi/frag", Reply.of(200, "fragment", "Cache-Control", "max-age=600"));
        HttpResponse<String> first = http.get("esi/page");
        assertEquals("<p>fragment</p>", first.body());
        assertEquals("MISS", xCache(first));
        assertTrue(first.headers().firstValue("Surrogate-Control").isEmpty());
        HttpResponse<String> second = http.get("esi/page");
        assertEquals("HIT", xCache(second));
        assertEquals("<p>fragment</p>", second.body());
        assertEquals(1, ORIGIN.seen("/esi/page").size());
        assertEquals(1, ORIGIN.seen("/esi/frag").size(), "the fragment came from the store the second time");
        HttpResponse<String> markup = http.get("esi/page", "Surrogate-Capability", "edge=\"ESI/1.0\"");
        assertTrue(markup.body().contains("<esi:include"), "a downstream ESI cache gets the markup");
    }

    @Test
    void esiIncludesOfTheOriginsOwnUrlsAreFragmentsAndOtherHostsAreNeverContacted() {
        try (ScriptedOrigin other = ScriptedOrigin.start()) {
            ORIGIN.script("/esi/abs", Reply.of(200, "[<esi:include src=\"" + ORIGIN.url() + "/esi/abs-frag\"/>"
                    + "<esi:include src=\"" + other.url() + "/steal\" onerror=\"continue\"/>]",
                    "Cache-Control", "max-age=600", "Surrogate-Control", "content=\"ESI/1.0\""));
            ORIGIN.script("/esi/abs-frag", Reply.of(200, "own", "Cache-Control", "max-age=600"));
            HttpResponse<String> r = http.get("esi/abs");
            assertEquals("[own]", r.body());
            assertTrue(other.seen("/steal").isEmpty(), "the other host was never contacted");
            assertEquals(1, ORIGIN.seen("/esi/abs-frag").size());
        }
    }

    @Test
    void esiFragmentsFailAltAndPrivacyInGatewayMode() {
        ORIGIN.script("/esi/mixed", Reply.of(200, "[<esi:include src=\"/esi/gone\" alt=\"/esi/alt\"/>"
                + "<esi:include src=\"/esi/gone\" onerror=\"continue\"/><esi:include src=\"/esi/mine\"/>]",
                "Cache-Control", "public, max-age=600", "Surrogate-Control", "content=\"ESI/1.0\""));
        ORIGIN.script("/esi/gone", Reply.of(404, "no"));
        ORIGIN.script("/esi/alt", Reply.of(200, "alt", "Cache-Control", "max-age=600"));
        ORIGIN.script("/esi/mine", Reply.of(200, "mine", "Cache-Control", "private, max-age=60"));
        HttpResponse<String> r = http.get("esi/mixed");
        assertEquals(200, r.statusCode());
        assertEquals("[altmine]", r.body());
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").startsWith("private"),
                "a private fragment makes the page private: " + r.headers().firstValue("Cache-Control"));
        ORIGIN.script("/esi/broken", Reply.of(200, "[<esi:include src=\"/esi/gone\"/>]",
                "Cache-Control", "max-age=600", "Surrogate-Control", "content=\"ESI/1.0\""));
        assertEquals(502, http.get("esi/broken").statusCode(), "never half a page with a 200");
    }

    // ---- RFC 9111 -------------------------------------------------------------------------

    @Test
    @Tag("MAY")
    void freshResponseIsReusedWithoutContactingTheOrigin() {
        // RFC 9111 §4.2: a fresh stored response satisfies the request
        ORIGIN.script("/c/fresh", Reply.of(200, "v1", "Cache-Control", "max-age=60"));
        assertEquals("MISS", xCache(http.get("c/fresh")));
        HttpResponse<String> hit = http.get("c/fresh");
        assertEquals("HIT", xCache(hit));
        assertEquals("v1", hit.body());
        assertEquals(1, ORIGIN.seen("/c/fresh").size());
    }

    @Test
    @Tag("MUST")
    void noStoreResponseIsNeverReused() {
        // RFC 9111 §5.2.2.5
        askTwice("c/nostore", Reply.of(200, "x", "Cache-Control", "no-store, max-age=60"));
        assertEquals(2, ORIGIN.seen("/c/nostore").size());
    }

    @Test
    @Tag("MUST")
    void staleResponseIsValidatedWithAConditionalRequestAndA304Reused() {
        // RFC 9111 §4.3.1: the stored ETag and Last-Modified go to the origin; §4.3.3: a 304 reuses the stored body
        ORIGIN.script("/c/validate",
                Reply.of(200, "body v1", "Cache-Control", "max-age=1", "ETag", "\"v1\"",
                        "Last-Modified", "Tue, 15 Nov 1994 08:12:31 GMT"),
                Reply.of(304, "", "Cache-Control", "max-age=60", "ETag", "\"v1\""));
        http.get("c/validate");
        HttpResponse<String> r = http.getUntil("c/validate", x -> !"HIT".equals(xCache(x)), DEADLINE);
        assertEquals("REVALIDATED", xCache(r));
        assertEquals(200, r.statusCode());
        assertEquals("body v1", r.body());
        ScriptedOrigin.Seen conditional = ORIGIN.seen("/c/validate").get(1);
        assertEquals("\"v1\"", conditional.header("If-None-Match"));
        assertEquals("Tue, 15 Nov 1994 08:12:31 GMT", conditional.header("If-Modified-Since"));
    }

    @Test
    @Tag("MUST")
    void a304UpdatesTheStoredHeaderFields() {
        // RFC 9111 §4.3.4: fields of the 304 replace the stored ones; the new max-age makes it fresh again
        // (§3.2: every field but Content-Length, Content-Type included: the body is stored as received)
        ORIGIN.script("/c/freshen",
                Reply.of(200, "body", "Cache-Control", "max-age=1", "ETag", "\"e\"", "X-Version", "1",
                        "Content-Type", "text/plain"),
                Reply.of(304, "", "Cache-Control", "max-age=60", "ETag", "\"e\"", "X-Version", "2",
                        "Content-Type", "text/plain;charset=utf-8"));
        http.get("c/freshen");
        http.getUntil("c/freshen", x -> "REVALIDATED".equals(xCache(x)), DEADLINE);
        HttpResponse<String> hit = http.get("c/freshen");
        assertEquals("HIT", xCache(hit));
        assertEquals("2", hit.headers().firstValue("X-Version").orElse(""));
        assertEquals("text/plain;charset=utf-8", hit.headers().firstValue("Content-Type").orElse(""));
        assertEquals("body", hit.body());
        assertEquals("4", hit.headers().firstValue("Content-Length").orElse(""));
    }

    @Test
    @Tag("MAY")
    void lastModifiedAloneAllowsHeuristicFreshness() {
        // RFC 9111 §4.2.2: a response without explicit freshness may be given a heuristic lifetime
        HttpResponse<String> second = askTwice("c/heuristic",
                Reply.of(200, "old", "Last-Modified", "Tue, 15 Nov 1994 08:12:31 GMT"));
        assertEquals("HIT", xCache(second));
        assertEquals(1, ORIGIN.seen("/c/heuristic").size());
    }

    @Test
    @Tag("MUST")
    void varyStarIsNeverReused() {
        // RFC 9111 §4.1: Vary: * always fails to match
        askTwice("c/varystar", Reply.of(200, "x", "Cache-Control", "max-age=60", "Vary", "*"));
        assertEquals(2, ORIGIN.seen("/c/varystar").size());
    }

    @Test
    @Tag("MUST")
    void varyingResponsesAreReusedOnlyForMatchingRequests() {
        // RFC 9111 §4.1
        ORIGIN.script("/c/vary", Reply.of(200, "any", "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        http.get("c/vary", "Accept-Language", "en");
        assertEquals("HIT", xCache(http.get("c/vary", "Accept-Language", "en")));
        assertNotEquals("HIT", xCache(http.get("c/vary", "Accept-Language", "de")));
        assertEquals(2, ORIGIN.seen("/c/vary").size());
    }

    @Test
    @Tag("MUST")
    void successfulPostInvalidatesTheTargetAndItsLocation() {
        // RFC 9111 §4.4
        ORIGIN.script("/c/inv-a", Reply.of(200, "a", "Cache-Control", "max-age=60"));
        ORIGIN.script("/c/inv-b", Reply.of(200, "b", "Cache-Control", "max-age=60"));
        http.get("c/inv-a");
        http.get("c/inv-b");
        ORIGIN.script("/c/inv-a", Reply.of(303, "", "Location", "/c/inv-b"));
        assertEquals(303, send("POST", "c/inv-a", "x").statusCode());
        ORIGIN.script("/c/inv-a", Reply.of(200, "a2", "Cache-Control", "max-age=60"));
        assertEquals("a2", http.get("c/inv-a").body());
        assertNotEquals("HIT", xCache(http.get("c/inv-b")));
    }

    @Test
    @Tag("MUST")
    void cdnCacheControlTakesPrecedenceOverCacheControl() {
        // RFC 9213 §2.1: a cache that obeys a targeted field ignores Cache-Control (and Expires) when it is present
        HttpResponse<String> hit = askTwice("c/cdn-store",
                Reply.of(200, "edge", "Cache-Control", "no-store", "CDN-Cache-Control", "max-age=60"));
        assertEquals("HIT", xCache(hit));
        assertEquals("no-store", hit.headers().firstValue("Cache-Control").orElse(""), "passed on unchanged");
        assertEquals(1, ORIGIN.seen("/c/cdn-store").size());

        askTwice("c/cdn-nostore", Reply.of(200, "x", "Cache-Control", "max-age=60", "CDN-Cache-Control",
                "no-store"));
        assertEquals(2, ORIGIN.seen("/c/cdn-nostore").size());
    }

    @Test
    @Tag("SHOULD")
    void aHeadResponseWithANewValidatorInvalidatesTheStoredGet() {
        // RFC 9111 §4.3.5: a 200 to HEAD updates the stored GET, or invalidates it when it no longer matches
        // (stored stale from the start, max-age=0 with a validator: the first HEAD goes to the origin)
        ORIGIN.script("/c/head-update",
                Reply.of(200, "v1", "Cache-Control", "max-age=0", "ETag", "\"1\""),
                Reply.of(200, "", "Cache-Control", "max-age=60", "ETag", "\"2\""),
                Reply.of(200, "v2", "Cache-Control", "max-age=60", "ETag", "\"2\""));
        http.get("c/head-update");
        HttpResponse<String> head = http.head("c/head-update");
        assertEquals("HEAD", ORIGIN.seen("/c/head-update").get(1).method(), Http.describe(head));
        assertEquals("\"2\"", head.headers().firstValue("ETag").orElse(""), Http.describe(head));
        HttpResponse<String> get = http.get("c/head-update");
        assertEquals("v2", get.body(), "the stored v1 was invalidated by the HEAD's new ETag");
    }

    @Test
    @Tag("SHOULD")
    void aHeadResponseWithTheSameValidatorFreshensTheStoredGet() {
        // RFC 9111 §4.3.5: the 200 to HEAD updates the stored GET; the body stays the stored one
        // (stored stale from the start, max-age=0 with a validator: the first HEAD goes to the origin)
        ORIGIN.script("/c/head-fresh",
                Reply.of(200, "v1", "Cache-Control", "max-age=0", "ETag", "\"1\"", "X-Kept", "stored"),
                // (the scripted origin answers HEAD with the Content-Length of this body: the stored one's)
                Reply.of(200, "v1", "Cache-Control", "max-age=60", "ETag", "\"1\"", "X-Seen", "head"));
        http.get("c/head-fresh");
        HttpResponse<String> head = http.head("c/head-fresh");
        assertEquals("HEAD", ORIGIN.seen("/c/head-fresh").get(1).method(), Http.describe(head));
        // the HEAD is answered from the freshened entry: its new fields and the stored ones it did not repeat
        assertEquals("head", head.headers().firstValue("X-Seen").orElse(""), Http.describe(head));
        assertEquals("stored", head.headers().firstValue("X-Kept").orElse(""));
        assertEquals("2", head.headers().firstValue("Content-Length").orElse(""));
        HttpResponse<String> get = http.get("c/head-fresh");
        assertEquals("HIT", xCache(get), Http.describe(get));
        assertEquals("v1", get.body());
        assertEquals("head", get.headers().firstValue("X-Seen").orElse(""));
        assertEquals(1, ORIGIN.seen("/c/head-fresh").stream().filter(s -> s.method().equals("GET")).count());
    }

    // ---- failures -------------------------------------------------------------------------

    /**
     * Stores {@code first} at {@code path}, then asks until the entry is no longer a fresh hit:
     * the first answer after it expired, when the origin answers {@code then}.
     */
    private HttpResponse<String> afterExpiry(String path, Reply first, Reply then) {
        ORIGIN.script("/" + path, first, then);
        http.get(path);
        return http.getUntil(path, x -> !"HIT".equals(xCache(x)), DEADLINE);
    }

    @Test
    @Tag("SHOULD")
    void anUnreachableOriginIsA502() {
        ORIGIN.script("/e/broken", Reply.brokenConnection());
        assertEquals(502, http.get("e/broken").statusCode());
    }

    @Test
    @Tag("SHOULD")
    void aSlowOriginIsA504() {
        ORIGIN.script("/e/slow", Reply.of(200, "late", "Cache-Control", "no-store").delayed(3000));
        assertEquals(504, http.get("e/slow").statusCode());
    }

    @Test
    @Tag("MAY")
    void staleIfErrorAnswersWhenTheOriginFails() {
        // RFC 5861 §4
        HttpResponse<String> r = afterExpiry("e/sie",
                Reply.of(200, "good", "Cache-Control", "max-age=1, stale-if-error=60"),
                Reply.of(503, "down", "Cache-Control", "no-store"));
        assertEquals(200, r.statusCode());
        assertEquals("STALE", xCache(r));
        assertEquals("good", r.body());
    }

    @Test
    @Tag("MUST")
    void anErrorResponseIsNotReplacedByStaleContentWithoutStaleIfError() {
        // RFC 9111 §4.2.4: a cache that reached the origin may not generate a stale response unasked
        HttpResponse<String> r = afterExpiry("e/no-sie",
                Reply.of(200, "good", "Cache-Control", "max-age=1"),
                Reply.of(503, "down", "Cache-Control", "no-store"));
        assertEquals(503, r.statusCode());
        assertEquals("down", r.body());
    }

    @Test
    @Tag("MAY")
    void aCacheThatCannotReachTheOriginMayServeStale() {
        // RFC 9111 §4.2.4: "unless it is disconnected": the origin gives no response at all
        HttpResponse<String> r = afterExpiry("e/disconnected",
                Reply.of(200, "good", "Cache-Control", "max-age=1"),
                Reply.brokenConnection());
        assertEquals(200, r.statusCode(), Http.describe(r));
        assertEquals("STALE", xCache(r));
        assertEquals("good", r.body());
    }

    @Test
    @Tag("MUST")
    void mustRevalidateForbidsStaleEvenWhenTheOriginCannotBeReached() {
        // RFC 9111 §5.2.2.2: the cache MUST NOT reuse it stale; the error SHOULD be a 504
        HttpResponse<String> r = afterExpiry("e/must-revalidate",
                Reply.of(200, "good", "Cache-Control", "max-age=1, must-revalidate"),
                Reply.brokenConnection());
        assertEquals(504, r.statusCode(), Http.describe(r));
        assertNotEquals("good", r.body());
        // the entry is kept (no answer replaced it), so the next request is a 504 again, not a miss
        assertEquals(504, http.get("e/must-revalidate").statusCode());
    }

    @Test
    @Tag("MUST")
    void aResponseToAnAuthorizedRequestIsStoredOnlyWhenItSaysSo() {
        // RFC 9111 §3.5: not without public, s-maxage or must-revalidate; this cache asks for
        // public or s-maxage (Authorization is one of gatecache.private-headers): per-user answers
        // often carry must-revalidate alone
        for (String cc : List.of("max-age=60", "max-age=60, must-revalidate")) {
            String path = "a/private-" + cc.length();
            ORIGIN.script("/" + path, Reply.of(200, "mine", "Cache-Control", cc));
            http.get(path, "Authorization", "Bearer one");
            http.get(path);
            assertEquals(2, ORIGIN.seen("/" + path).size(), cc);
        }
        ORIGIN.script("/a/shared", Reply.of(200, "ours", "Cache-Control", "public, max-age=60"));
        http.get("a/shared", "Authorization", "Bearer one");
        assertEquals("HIT", xCache(http.get("a/shared")));
        assertEquals(1, ORIGIN.seen("/a/shared").size());
    }

    // ---- parsing --------------------------------------------------------------------------

    @Test
    @Tag("SHOULD")
    void anAgeListIsReadByItsFirstMember() {
        // RFC 9111 §5.1: Age is one delta-seconds; "7200, 0" is read as 7200, older than max-age=3600
        HttpResponse<String> second = askTwice("p/age-list",
                Reply.of(200, "aged", "Cache-Control", "max-age=3600", "Age", "7200, 0"));
        assertEquals("EXPIRED", xCache(second), "stored, but already stale");
        assertEquals(2, ORIGIN.seen("/p/age-list").size());
        // an invalid Age is ignored: the response is as fresh as if it had none
        HttpResponse<String> invalid = askTwice("p/age-invalid",
                Reply.of(200, "x", "Cache-Control", "max-age=3600", "Age", "-7200"));
        assertEquals("HIT", xCache(invalid));
    }

    @Test
    @Tag("SHOULD")
    void aTargetedFieldThatIsNotAStructuredDictionaryIsIgnored() {
        // RFC 9213 §2.1: on a parse error the cache behaves as if the field were absent (Cache-Control: no-store)
        HttpResponse<String> second = askTwice("p/cdn-invalid",
                Reply.of(200, "x", "Cache-Control", "no-store", "CDN-Cache-Control", "max-age=10000, &&&&&"));
        assertEquals("BYPASS", xCache(second), "Cache-Control: no-store decided");
        assertEquals(2, ORIGIN.seen("/p/cdn-invalid").size());
    }

    @Test
    @Tag("MUST")
    void fieldsNamedByAQualifiedNoCacheInATargetedFieldAreNotReused() {
        // RFC 9213 §2.1 with RFC 9111 §5.2.2.4: the targeted field's no-cache="..." binds like Cache-Control's
        HttpResponse<String> hit = askTwice("p/cdn-no-cache-field", Reply.of(200, "x", "Cache-Control", "no-store",
                "CDN-Cache-Control", "max-age=60, no-cache=\"X-Secret\"", "X-Secret", "s3cret"));
        assertEquals("HIT", xCache(hit));
        assertTrue(hit.headers().firstValue("X-Secret").isEmpty(), Http.describe(hit));
    }

    @Test
    @Tag("MAY")
    void qualifiedNoCacheReusesTheResponseWithoutTheNamedField() {
        // RFC 9111 §5.2.2.4: the named field may not be sent without revalidation; the rest may
        HttpResponse<String> hit = askTwice("p/no-cache-field",
                Reply.of(200, "x", "Cache-Control", "max-age=60, no-cache=\"X-Secret\"",
                        "X-Secret", "s3cret", "X-Public", "p"));
        assertEquals("HIT", xCache(hit));
        assertEquals("p", hit.headers().firstValue("X-Public").orElse(""));
        assertTrue(hit.headers().firstValue("X-Secret").isEmpty());
    }

    // ---- ranges and invalidation ------------------------------------------------------------

    @Test
    @Tag("MAY")
    void aRangeRequestIsAnsweredFromAStoredCompleteResponse() {
        // RFC 9111 §3.3 / RFC 9110 §14: a stored 200 answers a byte range itself
        ORIGIN.script("/r/digits", Reply.of(200, "0123456789", "Cache-Control", "max-age=60", "ETag", "\"d\""));
        http.get("r/digits");
        HttpResponse<String> part = http.get("r/digits", "Range", "bytes=2-4");
        assertEquals(206, part.statusCode(), Http.describe(part));
        assertEquals("234", part.body());
        assertEquals("bytes 2-4/10", part.headers().firstValue("Content-Range").orElse(""));
        HttpResponse<String> suffix = http.get("r/digits", "Range", "bytes=-3");
        assertEquals("789", suffix.body());
        // If-Range with another entity-tag: the whole representation (RFC 9110 §13.1.5)
        HttpResponse<String> changed = http.get("r/digits", "Range", "bytes=2-4", "If-Range", "\"other\"");
        assertEquals(200, changed.statusCode());
        assertEquals("0123456789", changed.body());
        assertEquals(1, ORIGIN.seen("/r/digits").size());
    }

    @Test
    @Tag("MUST")
    void aRangeBeyondTheStoredRepresentationIs416() {
        // RFC 9110 §15.5.17: with the complete length in Content-Range
        ORIGIN.script("/r/short", Reply.of(200, "0123456789", "Cache-Control", "max-age=60"));
        http.get("r/short");
        HttpResponse<String> r = http.get("r/short", "Range", "bytes=20-30");
        assertEquals(416, r.statusCode(), Http.describe(r));
        assertEquals("bytes */10", r.headers().firstValue("Content-Range").orElse(""));
    }

    @Test
    @Tag("MUST")
    void aSuccessfulDeleteWithABodyInvalidatesTheTarget() {
        // RFC 9111 §4.4, with a request body the origin receives as sent
        ORIGIN.script("/r/delete", Reply.of(200, "v1", "Cache-Control", "max-age=60"));
        http.get("r/delete");
        ORIGIN.script("/r/delete", Reply.of(200, "deleted"));
        assertEquals(200, send("DELETE", "r/delete", "abc").statusCode());
        assertEquals("abc", ORIGIN.seen("/r/delete").get(1).body());
        ORIGIN.script("/r/delete", Reply.of(404, "gone", "Cache-Control", "no-store"));
        assertEquals(404, http.get("r/delete").statusCode());
    }
}
