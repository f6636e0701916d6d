package io.gatecache.it;

import static io.gatecache.it.Http.cacheStatus;
import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.Probe;
import io.gatecache.it.app.ProbeResource;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The gateway cache on a real Payara Micro, over real HTTP: the example site plus
 * {@link ProbeResource}, whose calls the tests count. Each test uses its own URIs.
 */
class GatewayCacheIT extends ArquillianHttpCase {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    /** The gateway's clock counts whole milliseconds. */
    private static final long CLOCK_RESOLUTION = Duration.ofMillis(1).toNanos();
    /** An HTTP-date's resolution: a second. */
    private static final long DATE_RESOLUTION = Duration.ofSeconds(1).toNanos();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("cache.war", Probe.class, ProbeResource.class,
                io.gatecache.it.app.CacheMBean.class);
    }


    private long jmx(String attribute) {
        return Long.parseLong(http.get("api/probe/jmx/" + attribute).body());
    }

    // ---- hit and miss ---------------------------------------------------------------------

    @Test
    void secondRequestIsAHitWithAgeAndCacheStatus() {
        HttpResponse<String> first = http.get("api/probe/cc/hit?cc=public,max-age=60");
        assertEquals("MISS", xCache(first));
        assertTrue(cacheStatus(first).contains("fwd=uri-miss") && cacheStatus(first).contains("stored"),
                cacheStatus(first));
        HttpResponse<String> second = http.get("api/probe/cc/hit?cc=public,max-age=60");
        assertEquals("HIT", xCache(second));
        assertEquals("call 1", second.body());
        assertTrue(second.headers().firstValue("Age").isPresent(), "a hit carries Age");
        assertTrue(cacheStatus(second).startsWith("gatecache; hit; ttl="), cacheStatus(second));
        assertEquals(1, calls("cc/hit"));
    }

    @Test
    void exampleArticleListIsCached() {
        assertEquals("MISS", xCache(http.get("api/articles")));
        HttpResponse<String> hit = http.get("api/articles");
        assertEquals("HIT", xCache(hit));
        assertTrue(hit.body().contains("Welcome"), hit.body());
    }

    @Test
    void headIsAnsweredFromAStoredGet() {
        HttpResponse<String> get = http.get("api/probe/cc/head?cc=public,max-age=60");
        HttpResponse<String> head = http.head("api/probe/cc/head?cc=public,max-age=60");
        assertEquals("HIT", xCache(head));
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(String.valueOf(get.body().length()), head.headers().firstValue("Content-Length").orElse(""));
        assertEquals(1, calls("cc/head"));
    }

    // ---- expiration -----------------------------------------------------------------------

    @Test
    void entryExpiresAfterMaxAge() {
        String path = "api/probe/cc/maxage?cc=public,max-age=2,stale-while-revalidate=0";
        long sent = System.nanoTime();
        assertEquals("MISS", xCache(http.get(path)));
        long stored = System.nanoTime();
        HttpResponse<String> after = untilExpired(path, sent, stored, 2);
        // the entry has a two-second lifetime and no stale window: stale, still stored, so EXPIRED
        assertEquals("EXPIRED", xCache(after));
        assertEquals("call 2", after.body());
    }

    @Test
    void sMaxAgeOverridesMaxAgeForTheSharedCache() {
        // max-age=600 would keep it for ten minutes; s-maxage=2 is what a shared cache obeys
        String path = "api/probe/cc/smaxage?cc=public,max-age=600,s-maxage=2";
        long sent = System.nanoTime();
        assertEquals("MISS", xCache(http.get(path)));
        long stored = System.nanoTime();
        HttpResponse<String> after = untilExpired(path, sent, stored, 2);
        // s-maxage denies the default stale windows, but a stale entry without a validator stays
        // in the store for a grace of 10 s (StoragePolicy.storeLifespan), far longer than the
        // polling takes to see it stale: the entry is found, stale, so EXPIRED, not MISS
        assertEquals("EXPIRED", xCache(after));
        assertEquals("call 2", after.body());
    }

    /**
     * Asks for {@code path} until the answer is not a hit, and returns that answer, holding every
     * answer to the stored entry's freshness lifetime. The entry was stored by a request sent at
     * {@code sentNanos} and answered at {@code storedNanos}; the resource sends no Date, so the
     * cache (or the container) dates the response itself, in whole seconds: its apparent age
     * (RFC 9111 §4.2.3, read from that Date as given) is none, or a second when a second began
     * between the dating and the response's arrival, and its age is that and the time since the
     * cache received the request. Hence an answer received less than the lifetime less that
     * second after {@code sentNanos} must be a hit, one asked for the lifetime or more after
     * {@code storedNanos} must not be, and each hit's Cache-Status ttl and Age add up to the
     * lifetime (less one when the age is not whole seconds).
     */
    private HttpResponse<String> untilExpired(String path, long sentNanos, long storedNanos, long lifetimeSeconds) {
        long lifetime = Duration.ofSeconds(lifetimeSeconds).toNanos();
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            long asked = System.nanoTime();
            HttpResponse<String> r = http.get(path);
            long answered = System.nanoTime();
            boolean hit = "HIT".equals(xCache(r));
            if (answered - sentNanos < lifetime - DATE_RESOLUTION - CLOCK_RESOLUTION) {
                assertTrue(hit, "not fresh " + millis(answered - sentNanos) + " ms after the storing request was sent: "
                        + Http.describe(r));
            }
            if (asked - storedNanos >= lifetime + CLOCK_RESOLUTION) {
                assertFalse(hit, "still fresh " + millis(asked - storedNanos) + " ms after it was stored: "
                        + Http.describe(r));
            }
            if (!hit) {
                return r;
            }
            assertEquals("call 1", r.body());
            long sum = Http.cacheStatusTtl(r) + Http.age(r);
            assertTrue(sum == lifetimeSeconds || sum == lifetimeSeconds - 1,
                    "a hit's ttl and Age add up to " + sum + " for a lifetime of " + lifetimeSeconds + " s: "
                    + Http.describe(r));
            Http.pause();
        }
        throw new AssertionError(path + " was still a hit " + DEADLINE + " after it was stored");
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    // ---- validation -----------------------------------------------------------------------

    @Test
    void conditionalClientGets304FromTheStore() {
        http.get("api/probe/etag/client?maxAge=60");
        HttpResponse<String> r = http.get("api/probe/etag/client?maxAge=60", "If-None-Match", "\"v1\"");
        assertEquals(304, r.statusCode());
        assertEquals("HIT", xCache(r));
        assertEquals("\"v1\"", r.headers().firstValue("ETag").orElse(""));
        assertEquals(1, calls("etag/client"));
        HttpResponse<String> other = http.get("api/probe/etag/client?maxAge=60", "If-None-Match", "\"v0\"");
        assertEquals(200, other.statusCode());
        assertEquals("representation v1", other.body());
    }

    @Test
    void staleEntryIsRevalidatedByA304FromTheResource() {
        http.get("api/probe/etag/reval");
        HttpResponse<String> r = http.getUntil("api/probe/etag/reval", x -> !"HIT".equals(xCache(x)), DEADLINE);
        assertEquals("REVALIDATED", xCache(r));
        assertEquals(200, r.statusCode());
        assertEquals("representation v1", r.body(), "the client gets the stored body");
        assertEquals(1, calls("etag-304/reval"), "the resource answered 304 to the cache's validators");
        assertEquals("HIT", xCache(http.get("api/probe/etag/reval")), "the refreshed entry is fresh again");
    }

    // ---- variants and privacy -------------------------------------------------------------

    @Test
    void varyKeepsOneVariantPerLanguage() {
        assertEquals("MISS", xCache(http.get("api/probe/vary/v", "Accept-Language", "en")));
        assertEquals("MISS", xCache(http.get("api/probe/vary/v", "Accept-Language", "fr")));
        HttpResponse<String> en = http.get("api/probe/vary/v", "Accept-Language", "en");
        HttpResponse<String> fr = http.get("api/probe/vary/v", "Accept-Language", "fr");
        assertEquals("HIT", xCache(en));
        assertEquals("language en", en.body());
        assertEquals("HIT", xCache(fr));
        assertEquals("language fr", fr.body());
        assertEquals(2, calls("vary/v"));
    }

    @Test
    void responseToAnAuthorizedRequestIsNotSharedUnlessPublic() {
        String path = "api/probe/cc/auth?cc=max-age=60";
        // Bearer: the example site's own mechanism takes Basic credentials, and refuses these users
        assertEquals("BYPASS", xCache(http.get(path, "Authorization", "Bearer alice")));
        HttpResponse<String> bob = http.get(path, "Authorization", "Bearer bob");
        assertEquals("BYPASS", xCache(bob));
        assertEquals("call 2", bob.body());

        String shared = "api/probe/cc/authpublic?cc=public,max-age=60";
        assertEquals("MISS", xCache(http.get(shared, "Authorization", "Bearer alice")));
        assertEquals("HIT", xCache(http.get(shared, "Authorization", "Bearer bob")));
    }

    @Test
    void responseToARequestWithACookieIsNotSharedUnlessPublic() {
        String path = "api/probe/cc/cookie?cc=max-age=60";
        assertEquals("BYPASS", xCache(http.get(path, "Cookie", "user=alice")));
        assertEquals("call 2", http.get(path, "Cookie", "user=bob").body());
        String shared = "api/probe/cc/cookiepublic?cc=public,max-age=60";
        assertEquals("MISS", xCache(http.get(shared, "Cookie", "user=alice")));
        assertEquals("HIT", xCache(http.get(shared, "Cookie", "user=bob")));
    }

    @Test
    void privateAnnotatedPageIsNeverStored() {
        assertEquals("BYPASS", xCache(http.get("api/demo/me", "Cookie", "user=alice")));
        HttpResponse<String> bob = http.get("api/demo/me", "Cookie", "user=bob");
        assertEquals("BYPASS", xCache(bob));
        assertEquals("you are bob\n", bob.body());
    }

    @Test
    void cachedWithoutVisibilityIsNotSharedForRequestsWithCookies() {
        assertEquals("BYPASS", xCache(http.get("api/probe/auto/a", "Cookie", "user=alice")));
        assertEquals("auto call 2", http.get("api/probe/auto/a", "Cookie", "user=bob").body());
        assertEquals("MISS", xCache(http.get("api/probe/auto/a")));
        assertEquals("HIT", xCache(http.get("api/probe/auto/a")));
    }

    @Test
    void responseWithACookieAddedThroughTheServletApiIsNeverStored() {
        HttpResponse<String> first = http.get("api/probe/servlet-cookie/c");
        assertTrue(first.headers().firstValue("Set-Cookie").orElse("").startsWith("user=1"),
                first.headers().map().toString());
        assertEquals("BYPASS", xCache(first));
        assertEquals("call 2", http.get("api/probe/servlet-cookie/c").body());
    }

    @Test
    void responseWithTheContainersSessionCookieIsNeverStored() {
        HttpResponse<String> first = http.get("api/probe/session/s");
        assertTrue(first.headers().firstValue("Set-Cookie").orElse("").startsWith("JSESSIONID"),
                first.headers().map().toString());
        assertEquals("BYPASS", xCache(first));
        assertEquals("session call 2", http.get("api/probe/session/s").body());
    }

    @Test
    void responseSettingACookieIsNeverStored() {
        HttpResponse<String> first = http.get("api/probe/cookie/c");
        HttpResponse<String> second = http.get("api/probe/cookie/c");
        assertEquals("BYPASS", xCache(first));
        assertEquals("BYPASS", xCache(second));
        assertEquals("session=2; Path=/", second.headers().firstValue("Set-Cookie").orElse(""));
        assertEquals(2, calls("cookie/c"));
    }

    // ---- invalidation ---------------------------------------------------------------------

    @Test
    void successfulPostInvalidatesTheTargetUri() {
        http.get("api/probe/items/p");
        assertEquals("HIT", xCache(http.get("api/probe/items/p")));
        assertEquals(200, http.send("POST", "api/probe/items/p").statusCode());
        HttpResponse<String> after = http.get("api/probe/items/p");
        assertEquals("MISS", xCache(after));
        assertEquals("item call 2", after.body());
    }

    @Test
    void responseBuiltBeforeAnInvalidationIsNotStored() {
        // the GET reads its content, then a change lands and invalidates, then the GET's response is ready
        http.send(http.request("api/probe/gate/slow/race").PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        CompletableFuture<HttpResponse<String>> early = http.getAsync("api/probe/slow/race");
        http.pollUntil("api/probe/calls/slow/race", "1"::equals, DEADLINE);
        assertEquals(204, http.send("POST", "api/probe/slow/race").statusCode());
        http.send(http.request("api/probe/gate/slow/race").DELETE().build());
        assertEquals("slow call 1", early.join().body());
        HttpResponse<String> after = http.get("api/probe/slow/race");
        assertEquals("MISS", xCache(after), "the response that predates the change must not have been stored");
        assertEquals("slow call 2", after.body());
    }

    @Test
    void failedUnsafeRequestInvalidatesNothing() {
        http.get("api/probe/items/d");
        assertEquals(409, http.send("DELETE", "api/probe/items/d").statusCode());
        assertEquals("HIT", xCache(http.get("api/probe/items/d")));
    }

    // ---- stale ----------------------------------------------------------------------------

    @Test
    void staleIfErrorAnswersWhenTheResourceThrows() {
        http.get("api/probe/flaky/throws");
        http.send(http.request("api/probe/failing/throws?on=true").PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> r = http.getUntil("api/probe/flaky/throws", x -> !"HIT".equals(xCache(x)), DEADLINE);
        assertEquals(200, r.statusCode());
        assertEquals("STALE", xCache(r));
        assertEquals("healthy call 1", r.body());
        assertTrue(cacheStatus(r).contains("stale-if-error"), cacheStatus(r));
        assertTrue(calls("flaky/throws") >= 2, "the resource was tried");
    }

    @Test
    void staleIfErrorAnswersWhenTheResourceAnswers503() {
        http.get("api/probe/flaky/status?how=status");
        http.send(http.request("api/probe/failing/status?on=true").PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> r = http.getUntil("api/probe/flaky/status?how=status", x -> !"HIT".equals(xCache(x)),
                DEADLINE);
        assertEquals(200, r.statusCode());
        assertEquals("STALE", xCache(r));
        assertEquals("healthy call 1", r.body());
    }

    @Test
    void staleWhileRevalidateAnswersAtOnceAndRefreshesOnce() {
        http.get("api/probe/swr/w");
        // the refresh will be held at the gate: every answer meanwhile comes from the store
        http.send(http.request("api/probe/gate/swr/w").PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> stale = http.getUntil("api/probe/swr/w", x -> !"HIT".equals(xCache(x)), DEADLINE);
        assertEquals("STALE", xCache(stale));
        assertEquals("swr call 1", stale.body());
        http.pollUntil("api/probe/calls/swr/w", "2"::equals, DEADLINE);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = http.get("api/probe/swr/w");
            assertEquals("STALE", xCache(r));
            assertEquals("swr call 1", r.body());
        }
        assertEquals(2, calls("swr/w"), "one background refresh, however many stale answers");
        http.send(http.request("api/probe/gate/swr/w").DELETE().build());
        HttpResponse<String> refreshed = http.getUntil("api/probe/swr/w", x -> "HIT".equals(xCache(x)), DEADLINE);
        assertEquals("swr call 2", refreshed.body());
        assertEquals(2, calls("swr/w"));
    }

    // ---- coalescing -----------------------------------------------------------------------

    @Test
    void twentyConcurrentMissesMakeOneResourceCall() {
        http.send(http.request("api/probe/gate/slow/c").PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(http.getAsync("api/probe/slow/c"));
        }
        http.pollUntil("api/probe/calls/slow/c", "1"::equals, DEADLINE);
        http.pollUntil("api/probe/jmx/Waiting", "19"::equals, DEADLINE);
        http.send(http.request("api/probe/gate/slow/c").DELETE().build());
        int collapsed = 0;
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.join();
            assertEquals(200, r.statusCode());
            assertEquals("slow call 1", r.body());
            if (cacheStatus(r).contains("collapsed")) {
                collapsed++;
            }
        }
        assertEquals(19, collapsed);
        assertEquals(1, calls("slow/c"));
    }

    // ---- management -----------------------------------------------------------------------

    @Test
    void jmxCountersAreReadThroughThePlatformMBeanServer() {
        long hits = jmx("Hits");
        long misses = jmx("Misses");
        long stores = jmx("Stores");
        http.get("api/probe/cc/jmx?cc=public,max-age=60");
        http.get("api/probe/cc/jmx?cc=public,max-age=60");
        assertEquals(hits + 1, jmx("Hits"));
        assertEquals(misses + 1, jmx("Misses"));
        assertEquals(stores + 1, jmx("Stores"));
        assertTrue(jmx("Entries") >= 1);
        double ratio = Double.parseDouble(http.get("api/probe/jmx/HitRatio").body());
        assertTrue(ratio > 0 && ratio < 1, "hit ratio " + ratio);

        String path = base.getPath() + "api/probe/cc/jmx?cc=public,max-age=60";
        String removed = http.send(http.request("api/probe/jmx/purge?url="
                + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).body();
        assertEquals("1", removed);
        assertEquals("MISS", xCache(http.get("api/probe/cc/jmx?cc=public,max-age=60")));
        assertFalse(http.get("api/probe/jmx/Configuration").body().isEmpty());
    }
}
