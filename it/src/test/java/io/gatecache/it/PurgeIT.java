package io.gatecache.it;

import static io.gatecache.it.Http.cacheStatus;
import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.Probe;
import io.gatecache.it.app.ProbeResource;
import io.gatecache.it.app.TaggedResource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Tags and purging over HTTP, in the dialects clients speak, by a caller trusted by its token
 * (no address is trusted in this deployment, so the tests' loopback calls are untrusted without
 * it), with debug mode on. The deployment is configured as docs/security.md says for a server
 * with a reverse proxy on the same host: by the token only, since every request the proxy passes
 * on comes from loopback.
 */
class PurgeIT extends ArquillianHttpCase {

    private static final String TOKEN = "it-token";
    private static final String[] TRUSTED = {"Authorization", "Bearer " + TOKEN};

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("purge.war", """
                gatecache.purge.trusted-addresses=192.0.2.1/32
                gatecache.purge.token=%s
                gatecache.purge.bans-per-minute=3
                gatecache.debug=true
                """.formatted(TOKEN), Probe.class, ProbeResource.class, TaggedResource.class);
    }

    private HttpResponse<String> purge(String method, String path, String... headers) {
        return http.send(http.request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String[] trusted(String... more) {
        String[] all = new String[TRUSTED.length + more.length];
        System.arraycopy(TRUSTED, 0, all, 0, TRUSTED.length);
        System.arraycopy(more, 0, all, TRUSTED.length, more.length);
        return all;
    }

    /** The tags a (trusted, debug) response shows. */
    private static java.util.Set<String> tags(HttpResponse<String> r) {
        return java.util.Set.of(r.headers().firstValue("X-Cache-Tags").orElse("").split(","));
    }

    @Test
    void anUntrustedCallerGets403AndPurgesNothing() {
        String page = "api/tagged/header/untrusted?tags=u1";
        stored(page);
        assertEquals(403, purge("PURGE", page).statusCode());
        assertEquals(403, purge("PURGETAGS", "api/", "X-Cache-Tags", "u1").statusCode());
        assertEquals(403, purge("PURGE", "api/", "xkey", "u1").statusCode());
        assertEquals(403, purge("BAN", "api/", "X-Url", ".*").statusCode());
        assertEquals(403, purge("PURGE", "api/", "Authorization", "Bearer wrong", "Clear-Cache", "true").statusCode());
        assertEquals("HIT", xCache(http.get(page)));
    }

    @Test
    void purgeOfAUrlPurgesThatUrlOnly() {
        stored("api/tagged/header/url-a?tags=x");
        stored("api/tagged/header/url-b?tags=x");
        HttpResponse<String> r = purge("PURGE", "api/tagged/header/url-a?tags=x", TRUSTED);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("MISS", xCache(http.get("api/tagged/header/url-a?tags=x")));
        assertEquals("HIT", xCache(http.get("api/tagged/header/url-b?tags=x")));
    }

    @Test
    void purgeTagsPurgesTheTagsInTheTagsHeader() {
        stored("api/tagged/header/pt-1?tags=pt1,shared");
        stored("api/tagged/header/pt-2?tags=pt2");
        stored("api/tagged/header/pt-3?tags=pt3");
        assertEquals(200, purge("PURGETAGS", "api/", trusted("X-Cache-Tags", "pt1,pt2")).statusCode());
        assertEquals("MISS", xCache(http.get("api/tagged/header/pt-1?tags=pt1,shared")));
        assertEquals("MISS", xCache(http.get("api/tagged/header/pt-2?tags=pt2")));
        assertEquals("HIT", xCache(http.get("api/tagged/header/pt-3?tags=pt3")));
    }

    @Test
    void purgeWithXkeyPurgesHardTagsFromEitherTagField() {
        stored("api/tagged/header/xk-1?tags=xk1&field=xkey");
        stored("api/tagged/header/xk-2?tags=xk2&field=Surrogate-Key");
        stored("api/tagged/header/xk-3?tags=xk3");
        assertEquals(200, purge("PURGE", "api/", trusted("xkey", "xk1 xk2")).statusCode());
        assertEquals("MISS", xCache(http.get("api/tagged/header/xk-1?tags=xk1&field=xkey")));
        assertEquals("MISS", xCache(http.get("api/tagged/header/xk-2?tags=xk2&field=Surrogate-Key")));
        assertEquals("HIT", xCache(http.get("api/tagged/header/xk-3?tags=xk3")));
    }

    @Test
    void aSoftPurgeServesStaleThenRefreshes() {
        String page = "api/tagged/header/soft?tags=soft1";
        stored(page);
        assertEquals(200, purge("PURGE", "api/", trusted("xkey-softpurge", "soft1")).statusCode());
        HttpResponse<String> stale = http.get(page);
        assertEquals("STALE", xCache(stale), cacheStatus(stale));
        assertEquals("call 1", stale.body(), "the entry built before the purge, served stale");
        HttpResponse<String> refreshed = http.getUntil(page, r -> "HIT".equals(xCache(r)), Duration.ofSeconds(20));
        assertEquals("call 2", refreshed.body(), "refreshed once in the background");
        assertEquals(2, calls("tagged/soft"));
    }

    @Test
    void banPurgesTheUrlsItsExpressionMatches() {
        stored("api/tagged/header/ban-1?tags=b");
        stored("api/tagged/header/ban-2?tags=b");
        stored("api/tagged/header/keep-1?tags=b");
        assertEquals(200, purge("BAN", "api/", trusted("X-Url", "/header/ban-[0-9]")).statusCode());
        assertEquals("MISS", xCache(http.get("api/tagged/header/ban-1?tags=b")));
        assertEquals("MISS", xCache(http.get("api/tagged/header/ban-2?tags=b")));
        assertEquals("HIT", xCache(http.get("api/tagged/header/keep-1?tags=b")));
        assertEquals(400, purge("BAN", "api/", trusted("X-Url", "(")).statusCode(), "not a regular expression");
    }

    @Test
    void clearCacheClearsEverything() {
        stored("api/tagged/header/clear-1?tags=c");
        stored("api/probe/cc/clear-2?cc=public,max-age=600");
        assertEquals(200, purge("PURGE", "api/", trusted("Clear-Cache", "true")).statusCode());
        assertEquals("MISS", xCache(http.get("api/tagged/header/clear-1?tags=c")));
        assertEquals("MISS", xCache(http.get("api/probe/cc/clear-2?cc=public,max-age=600")));
    }

    @Test
    void aPurgeLandingWhileATaggedPageIsBuiltIsNotLost() throws Exception {
        String page = "api/tagged/gated/building?tags=b1";
        http.send("PUT", "api/probe/gate/tagged/building");
        CompletableFuture<HttpResponse<String>> building = http.getAsync(page);
        http.pollUntil("api/probe/calls/tagged/building", "1"::equals, Duration.ofSeconds(20));
        assertEquals(200, purge("PURGE", "api/", trusted("xkey", "b1")).statusCode());
        http.send("DELETE", "api/probe/gate/tagged/building");
        HttpResponse<String> built = building.get(30, TimeUnit.SECONDS);
        assertEquals("call 1", built.body());
        assertFalse(cacheStatus(built).contains("stored"), cacheStatus(built));
        HttpResponse<String> next = http.get(page);
        assertEquals("MISS", xCache(next), "the page built before the purge was not stored");
        assertEquals("call 2", next.body());
    }

    @Test
    void theTagsHeaderNeverReachesAnUntrustedClient() {
        String page = "api/tagged/header/secret?tags=s1,s2";
        for (HttpResponse<String> r : new HttpResponse[] {http.get(page), http.get(page),
                http.get("api/tagged/header/secret2?tags=s3&field=xkey"),
                http.get("api/tagged/header/secret3?tags=s3&field=Surrogate-Key"),
                http.get("api/tagged/header/secret4?tags=s4&cc=no-store")}) {
            assertTrue(r.headers().firstValue("X-Cache-Tags").isEmpty(), r.headers().toString());
            assertTrue(r.headers().firstValue("xkey").isEmpty(), r.headers().toString());
            assertTrue(r.headers().firstValue("Surrogate-Key").isEmpty(), r.headers().toString());
        }
        // debug mode shows them to a trusted caller, on a hit too
        HttpResponse<String> shown = http.get(page, TRUSTED);
        assertEquals("HIT", xCache(shown));
        assertEquals(java.util.Set.of("s1", "s2"), tags(shown));
        assertNull(http.get(page).headers().firstValue("X-Cache-Tags").orElse(null), "and not to others after");
    }

    @Test
    void contentAwareAndTheResponseTaggerTagResponses() {
        stored("api/tagged/aware/7");
        stored("api/tagged/aware/8");
        assertEquals(java.util.Set.of("item-7", "coded-7"), tags(http.get("api/tagged/aware/7", TRUSTED)));
        assertEquals(200, purge("PURGE", "api/", trusted("xkey", "item-7")).statusCode());
        assertEquals("MISS", xCache(http.get("api/tagged/aware/7")));
        assertEquals("HIT", xCache(http.get("api/tagged/aware/8")));
        assertEquals(200, purge("PURGE", "api/", trusted("xkey", "coded-8")).statusCode());
        assertEquals("MISS", xCache(http.get("api/tagged/aware/8")));
    }

    @Test
    void behindAPlainProxyOnThisHostOnlyTheTokenMayPurge() throws Exception {
        String page = "api/tagged/header/proxied?tags=px1";
        stored(page);
        // nginx with a plain proxy_pass: every request reaches the server from loopback, with
        // nothing that says a proxy passed it on
        try (Nginx nginx = Nginx.inFrontOf(base, "")) {
            Http through = new Http(nginx.base(base));
            for (String[] purge : new String[][] {{"PURGE", page}, {"PURGETAGS", "api/", "X-Cache-Tags", "px1"},
                    {"PURGE", "api/", "xkey", "px1"}, {"BAN", "api/", "X-Url", ".*"}}) {
                String[] fields = java.util.Arrays.copyOfRange(purge, 2, purge.length);
                HttpResponse<String> r = through.send(through.request(purge[1], fields)
                        .method(purge[0], HttpRequest.BodyPublishers.noBody()).build());
                assertEquals(403, r.statusCode(), purge[0] + " " + String.join(" ", fields) + ": " + r.body());
            }
            assertEquals("HIT", xCache(http.get(page)), "nothing was purged");
            HttpResponse<String> withToken = through.send(through.request("api/", trusted("xkey", "px1"))
                    .method("PURGE", HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, withToken.statusCode(), withToken.body());
            assertEquals("MISS", xCache(http.get(page)));
        }
    }

    @Test
    void theTokensFieldIsReadTheSameWayOnEveryServer() {
        String page = "api/tagged/header/tab?tags=tab1";
        stored(page);
        RawHttp.Exchange r = RawHttp.send(base, "PURGE " + base.getPath() + "api/ HTTP/1.1\r\nHost: " + base.getHost()
                + ":" + base.getPort() + "\r\nAuthorization: Bearer\t" + TOKEN + "\r\nxkey: tab1\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(200, r.status(), r.response());
        assertEquals("MISS", xCache(http.get(page)));
    }

    @Test
    void bansAreLimitedPerCaller() {
        // three a minute (gatecache.purge.bans-per-minute=3), counted by the caller's address
        for (int i = 0; i < 3; i++) {
            assertEquals(200, banFrom("127.0.0.2", "^/rate/" + i + "$").status(), "ban " + i);
        }
        RawHttp.Exchange refused = banFrom("127.0.0.2", "^/rate/more$");
        assertEquals(429, refused.status(), refused.response());
        assertEquals("60", refused.header("Retry-After"));
        assertEquals(200, banFrom("127.0.0.3", "^/rate/other$").status(), "another caller");
    }

    private RawHttp.Exchange banFrom(String from, String expression) {
        return RawHttp.send(base, from, "BAN " + base.getPath() + "api/ HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nAuthorization: Bearer " + TOKEN + "\r\nX-Url: " + expression + "\r\n"
                + "Connection: close\r\n\r\n");
    }

    @Test
    void aBacktrackingBanCostsEachRequestItMayReachABoundedWork() {
        // (.*a){12} over keys of many a's that the end of the key fails: unbounded, each request
        // for an entry older than the ban would read billions of characters
        String prefix = base.getPath() + "api/probe/cc/";
        List<String> pages = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String page = "api/probe/cc/" + "a".repeat(24) + "-" + i + "?cc=public,max-age=600";
            pages.add(page);
            assertEquals("MISS", xCache(http.get(page)));
        }
        assertEquals(400, banFrom("127.0.0.4", "(.*a){12}$").status(), "seen to backtrack when made: refused");
        assertEquals(200, banFrom("127.0.0.4", "^" + prefix + "(.*a){12}$").status(), "cannot be told when made");
        List<Long> millis = new java.util.ArrayList<>();
        for (String page : pages) {
            long start = System.nanoTime();
            HttpResponse<String> r = http.get(page);
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertEquals(200, r.statusCode());
            // the key never matches (it ends in 600): the match ran out of its budget, and counted
            // as one, so the entry was fetched again
            assertEquals("MISS", xCache(r), page);
        }
        // a match costs about a millisecond of work (PurgeLedgerTest bounds it by characters read,
        // with no clock); unbounded, one request alone took seconds. What one request takes on a
        // machine running the other test servers too is its scheduling's as much as the cache's,
        // so the hundred are judged together: 50 ms each on average, and the middle one
        long total = millis.stream().mapToLong(Long::longValue).sum();
        List<Long> sorted = millis.stream().sorted().toList();
        assertTrue(total < 100 * 50, "the hundred took " + total + " ms: " + millis);
        assertTrue(sorted.get(50) < 50, "the median took " + sorted.get(50) + " ms: " + millis);
    }
}
