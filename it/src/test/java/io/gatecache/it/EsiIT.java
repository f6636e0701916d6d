package io.gatecache.it;

import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.BigFragmentServlet;
import io.gatecache.it.app.EsiResource;
import io.gatecache.it.app.HeapResource;
import io.gatecache.it.app.HeapWatch;
import io.gatecache.it.app.Probe;
import io.gatecache.it.app.ProbeResource;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * ESI assembly in front of the application's own resources, over HTTP: each fragment is cached on
 * its own and fetched through the cache, the page's caching fields merge its fragments', failures
 * and limits have defined answers, a downstream ESI cache gets the markup.
 */
class EsiIT extends ArquillianHttpCase {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final int AT_ONCE = 4;
    static final ScriptedOrigin OTHER_HOST = ScriptedOrigin.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        // max-bytes stays the default (10 MiB); four fragments of a page at once, and a deadline
        // long enough for the heap test's fragments to wait at their stop while the heap is measured
        return Deployments.example("esi.war", "gatecache.esi.max-depth=3\ngatecache.purge.trusted-addresses=127.0.0.0/8,::1\n"
                + "gatecache.esi.max-concurrent-includes=" + AT_ONCE + "\ngatecache.esi.timeout-ms=60000\n",
                Probe.class, ProbeResource.class, EsiResource.class, HeapWatch.class, HeapResource.class,
                BigFragmentServlet.class);
    }

    @AfterAll
    static void stopOrigin() {
        OTHER_HOST.close();
    }

    /** A page's path with its includes ({@code src|alt|continue} each). */
    private static String page(String name, String... includes) {
        StringBuilder b = new StringBuilder("api/esi/page/" + name + "?x=1");
        for (String inc : includes) {
            b.append("&inc=").append(URLEncoder.encode(inc, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Test
    void aFragmentKeepsItsOwnTtlWhileThePageStaysAHit() {
        String path = page("ttl", "../fragment/short?cc=public,s-maxage=1", "../fragment/long");
        HttpResponse<String> first = http.get(path);
        assertEquals(200, first.statusCode());
        assertEquals("[ttl 1](short 1)(long 1)", first.body());
        assertEquals("MISS", xCache(first));
        HttpResponse<String> later = http.getUntil(path, r -> r.body().contains("(short 2)"), DEADLINE);
        assertEquals("HIT", xCache(later), "the page itself is still stored");
        assertEquals("[ttl 1](short 2)(long 1)", later.body(), "only the short-lived fragment was fetched again");
        assertEquals(1, calls("esi/long"));
        assertFalse(later.headers().firstValue("Surrogate-Control").isPresent());
    }

    @Test
    void nestedIncludesAreAssembledAndDepthIsLimited() {
        assertEquals("<0<1<2>>>", http.get("api/esi/deep/0?until=2").body());
        HttpResponse<String> tooDeep = http.get("api/esi/deep/0?until=6");
        assertEquals(502, tooDeep.statusCode(), tooDeep.body());
        assertTrue(tooDeep.body().contains("could not be assembled"), tooDeep.body());
    }

    @Test
    void aCycleIsAFailureNotALoop() {
        HttpResponse<String> r = http.get("api/esi/cycle/a");
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(calls("esi/cycle-a") <= 2 && calls("esi/cycle-b") <= 1, "no loop: a, b, then a refused");
    }

    @Test
    void altIsTriedAndOnErrorContinueLeavesTheFragmentOut() {
        assertEquals("[alt 1](alt-frag 1)", http.get(page("alt", "../missing|../fragment/alt-frag")).body());
        HttpResponse<String> skipped = http.get(page("skip", "../missing||continue", "../fragment/after-skip"));
        assertEquals(200, skipped.statusCode());
        assertEquals("[skip 1](after-skip 1)", skipped.body());
        HttpResponse<String> failed = http.get(page("fail", "../missing"));
        assertEquals(502, failed.statusCode(), "never half a page with a 200");
        assertTrue(failed.body().contains("could not be assembled"), failed.body());
        assertEquals("no-store", failed.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void thePagesCachingFieldsMergeItsFragmentsAndAPrivateFragmentMakesItPrivate() {
        HttpResponse<String> merged = http.get(page("merge", "../fragment/m1?cc=public,max-age=30,s-maxage=60"),
                "If-None-Match", "\"whatever\"");
        assertEquals(200, merged.statusCode());
        String cc = merged.headers().firstValue("Cache-Control").orElse("");
        assertTrue(cc.contains("s-maxage=60") || cc.contains("s-maxage=59"), cc);
        assertFalse(cc.contains("max-age=30"), "the page has no max-age: none for the whole: " + cc);
        assertFalse(merged.headers().firstValue("ETag").isPresent());
        HttpResponse<String> priv = http.get(page("private", "../fragment/p1?cc=private,max-age=60"));
        String pcc = priv.headers().firstValue("Cache-Control").orElse("");
        assertTrue(pcc.startsWith("private"), pcc);
        assertFalse(pcc.contains("s-maxage"), pcc);
    }

    @Test
    void aDownstreamEsiCacheGetsTheMarkup() {
        String path = page("downstream", "../fragment/d1");
        HttpResponse<String> r = http.get(path, "Surrogate-Capability", "varnish=\"ESI/1.0\"");
        assertTrue(r.body().contains("<esi:include src=\"../fragment/d1\"/>"), r.body());
        assertEquals("content=\"ESI/1.0\"", r.headers().firstValue("Surrogate-Control").orElse(""));
        assertEquals(0, calls("esi/d1"), "the fragment was not fetched");
        assertEquals("[downstream 1](d1 1)", http.get(path).body(), "a client gets it assembled");
    }

    @Test
    void anIncludeOfAnotherHostIsRefusedWithoutAConnection() {
        String other = OTHER_HOST.url() + "/steal";
        HttpResponse<String> r = http.get(page("foreign", other));
        assertEquals(502, r.statusCode(), r.body());
        assertEquals("[foreign2 1]", http.get(page("foreign2", other + "||continue")).body());
        String hostPort = other.substring(other.indexOf("://") + 3, other.indexOf("/steal"));
        assertEquals(502, http.get(page("foreign3", "/.//" + hostPort + "/steal")).statusCode(), "a path naming a host");
        assertTrue(OTHER_HOST.seen("/steal").isEmpty(), "nothing was fetched from the other host");
    }

    @Test
    void aPurgeOfAFragmentsTagRefreshesThePagesThatIncludeIt() {
        String path = page("purged", "../fragment/tagged?tags=frag-t");
        assertEquals("[purged 1](tagged 1)", http.get(path).body());
        HttpResponse<String> hit = http.get(path);
        assertEquals("HIT", xCache(hit));
        assertEquals("[purged 1](tagged 1)", hit.body());
        HttpResponse<String> purge = http.send(http.request("api/", "xkey", "frag-t")
                .method("PURGE", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, purge.statusCode());
        HttpResponse<String> after = http.get(path);
        assertEquals("HIT", xCache(after), "the page itself was not purged");
        assertEquals("[purged 1](tagged 2)", after.body(), "its fragment was");
    }

    @Test
    void theIncludeHelperAnnouncesEsiAndPrivateFragmentsAreForTheCacheOnly() {
        assertEquals("[helper](helped 1)", http.get("api/esi/helper").body());
        assertEquals(403, http.get("api/esi/private-fragment").statusCode(), "not from a client");
        assertEquals("[secret 1](secret)", http.get(page("secret", "../private-fragment")).body());
        assertFalse(http.get("api/esi/private-fragment", "Gatecache-Fragment", "guess 1 http://x /a")
                .body().contains("secret"), "a client cannot pass for the cache");
    }

    @Test
    void theErrorPageEscapesTheSrcItRepeats() {
        HttpResponse<String> r = http.get("api/esi/quoted");
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(r.body().contains("/x&quot; onmouseover=&quot;alert(1)&quot;&gt;&amp;"), r.body());
        assertFalse(r.body().contains("\"") || r.body().contains("<") || r.body().contains(">"), r.body());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    /**
     * Four pages at once, each of sixty streamed 5 MiB fragments (300 MiB a page), with max-bytes at
     * 10 MiB: each page fetches four fragments at a time, and each fragment stops after 2.25 MiB
     * (36 arrays of 64 KiB) until the test lets it go, so that every page then holds 9 MiB, just
     * under its bound, while the heap is measured. Let go, every page passes its bound within its
     * four fragments and fails, no fifth fragment ever asked for. The server's heap in use after
     * every collection meanwhile (young ones, and the full ones at the stop) stays under
     * 4 x max-bytes + 64 MiB above the baseline (the least in use after a full collection).
     * (Before the bound was held while fetching, each page fetched its sixty fragments at once and
     * read them whole: 240 fragments, and the heap past any bound.)
     */
    @Test
    void fourPagesOfSixtyFiveMebibyteIncludesHoldNoMoreThanMaxBytesEach() throws Exception {
        int pages = 4;
        long size = 5L * 1024 * 1024;
        long stallAt = 36L * 64 * 1024;
        long floor = Long.parseLong(http.send("POST", "api/heap/start?stalls=" + pages * AT_ONCE).body());
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long mib = 1024 * 1024;
        long bound = pages * MAX_BYTES + 64 * mib;
        try {
            for (int p = 0; p < pages; p++) {
                answers.add(http.getAsync("api/esi/many/heap" + p + "?n=60&size=" + size + "&stallAt=" + stallAt));
            }
            assertEquals("true", http.get("api/heap/stalled").body(),
                    "every page's first " + AT_ONCE + " fragments reached their stop");
            // the pages read what the fragments sent before their stop as it comes out of the
            // sockets, slowly while full collections stop the server again and again: sampled (a
            // full collection each) until most of it shows (three quarters of the 36 MiB read) and
            // it no longer grows, or it has not grown for five samples running, at most thirty times. What a full collection leaves in use moves
            // by some MiB from one to the next (the server's own work): the most of the samples
            // counts, against the least of them and the baseline (the first samples come before
            // the pages read much), so that garbage in the baseline makes no figure smaller
            long read = (long) pages * AT_ONCE * stallAt;
            long atStop = 0;
            boolean growing = true;
            int flat = 0;
            List<Long> samples = new ArrayList<>();
            // a server whose pages leave part of it in the sockets (WildFly's) never shows three
            // quarters: there, five samples running without growth end it
            for (int i = 0; i < 30 && (growing || atStop - floor < read * 3 / 4 && flat < 5); i++) {
                long sample = Long.parseLong(http.get("api/heap/sample").body());
                samples.add(sample);
                growing = sample > atStop + 2 * mib;
                flat = growing ? 0 : flat + 1;
                atStop = Math.max(atStop, sample);
                floor = Math.min(floor, sample);
            }
            long least = floor;
            int startedAtStop = Integer.parseInt(http.get("api/heap/started").body());
            System.out.printf("ESI heap: baseline %d MiB, at the stop +%d MiB (samples %s), %d fragments fetched%n",
                    floor / mib, (atStop - floor) / mib, samples.stream().map(x -> (x - least) / mib).toList(),
                    startedAtStop);
            assertEquals(pages * AT_ONCE, startedAtStop, "fetched at once: four for each page");
            assertTrue(atStop - floor < bound, "at the stop: " + (atStop - floor) / mib + " MiB above the baseline");
        } finally {
            http.send("POST", "api/heap/release");
        }
        String report;
        try {
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> r = answer.get(120, TimeUnit.SECONDS);
                assertEquals(502, r.statusCode(), r.body());
                assertTrue(r.body().contains("larger than gatecache.esi.max-bytes (" + MAX_BYTES + ")"), r.body());
            }
        } finally {
            report = http.get("api/heap/report").body();
        }
        String[] f = report.split(" ");
        long peak = Long.parseLong(f[1]);
        int collections = Integer.parseInt(f[2]);
        int started = Integer.parseInt(f[3]);
        System.out.printf("ESI heap: peak after a collection +%d MiB (%d collections), %d fragments fetched in all%n",
                (peak - floor) / mib, collections, started);
        assertEquals(pages * AT_ONCE, started, "the fragments after each page's first four were never fetched");
        assertTrue(collections >= 1, "the watch saw a collection: " + report);
        assertTrue(peak - floor < bound, "peak: " + (peak - floor) / mib + " MiB above the baseline");
    }
}
