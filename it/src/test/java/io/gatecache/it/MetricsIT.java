package io.gatecache.it;

import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.Probe;
import io.gatecache.it.app.TaggedResource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.hawkular.agent.prometheus.types.Histogram;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The metrics URL after a known sequence (3 MISS, 5 HIT, 1 STALE, 1 tag purge, 1 URL purge),
 * parsed with a Prometheus text format parser, on Payara Micro (here) and WildFly (it-wildfly):
 * each count exactly, in the names the README documents. The deployment trusts loopback to
 * read the metrics and to purge; it is the only one using its counters.
 */
class MetricsIT extends ArquillianHttpCase {

    private static final String METRICS = "gatecache/metrics";
    private static final String TOKEN = "it-metrics-token";
    private static final String A = "api/tagged/header/ma?tags=ma";
    private static final String B = "api/tagged/header/mb?tags=mb";
    /** Stored stale at once, and served stale while it is refreshed in the background. */
    private static final String S = "api/tagged/header/ms?tags=ms&cc=public,%20max-age%3D0,%20stale-while-revalidate%3D600";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("metrics.war", """
                gatecache.metrics.trusted-addresses=127.0.0.0/8,::1
                gatecache.metrics.token=%s
                gatecache.purge.trusted-addresses=127.0.0.0/8,::1
                """.formatted(TOKEN), Probe.class, TaggedResource.class);
    }

    private Scrape scrape() {
        HttpResponse<String> r = http.get(METRICS);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        return Scrape.parse(r.body());
    }

    private int purge(String method, String path, String... headers) {
        return http.send(http.request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build())
                .statusCode();
    }

    @Test
    void aKnownSequenceReadsExactly() {
        for (String page : new String[] {A, B, S}) {
            assertEquals("MISS", xCache(http.get(page)), page);
        }
        for (String page : new String[] {A, A, A, B, B}) {
            assertEquals("HIT", xCache(http.get(page)), page);
        }
        assertEquals("STALE", xCache(http.get(S)), S);
        assertEquals(200, purge("PURGETAGS", "api/", "X-Cache-Tags", "ma"));
        assertEquals(200, purge("PURGE", B));
        // the stale page's background refresh is the one request left running, and each
        // response is timed as it ends, after its last byte may have reached the client: wait
        // until the refresh is done and every response and origin call is in the histograms
        http.getUntil(METRICS, r -> settled(Scrape.parse(r.body())), Duration.ofSeconds(20));
        Scrape before = scrape();
        assertEquals(before.sum("gatecache_responses_total", Map.of()), scrape().sum("gatecache_responses_total",
                Map.of()), "a scrape is not counted among the responses");
        Scrape m = scrape();
        String all = m.text;
        assertEquals("/metrics", m.cacheLabel("cache_gets_total"), all);
        assertEquals(6, m.value("cache_gets_total", Map.of("result", "hit")), "5 HIT + 1 STALE\n" + all);
        assertEquals(3, m.value("cache_gets_total", Map.of("result", "miss")), "3 MISS\n" + all);
        assertEquals(4, m.value("cache_puts_total"), "3 misses and the refresh stored\n" + all);
        assertEquals(0, m.value("cache_evictions_total"), all);
        // the hits may be answered below the container (WildFly's Undertow handler): every door counts
        Map<String, Integer> expected = Map.of("HIT", 5, "MISS", 3, "STALE", 1, "EXPIRED", 0, "REVALIDATED", 0);
        expected.forEach((status, n) -> {
            for (String door : new String[] {"servlet", "undertow", "valve", "grizzly"}) {
                assertFalse(Double.isNaN(m.value("gatecache_responses_total", Map.of("status", status, "door", door))),
                        "every status and door has its series: " + status + " " + door + "\n" + all);
            }
            assertEquals((double) n, m.sum("gatecache_responses_total", Map.of("status", status)), status + "\n" + all);
        });
        assertEquals(3, m.value("gatecache_responses_total", Map.of("status", "MISS", "door", "servlet")), all);
        expected.forEach((status, n) -> {
            Histogram h = m.histogram("gatecache_response_seconds", Map.of("status", status));
            assertNotNull(h, status + "\n" + all);
            assertEquals((long) n, h.getSampleCount(), status + "\n" + all);
        });
        // what else reached the application through the cache (a container's probe of the
        // deployment, say) is DYNAMIC or BYPASS, and went to the origin too
        long passed = (long) (m.sum("gatecache_responses_total", Map.of("status", "DYNAMIC"))
                + m.sum("gatecache_responses_total", Map.of("status", "BYPASS")));
        assertEquals(3 + 1 + passed, m.histogram("gatecache_origin_seconds", Map.of()).getSampleCount(),
                "3 misses, the refresh and " + passed + " passed on went to the origin\n" + all);
        assertEquals(1, m.value("gatecache_purges_total", Map.of("kind", "tag", "source", "http")), all);
        assertEquals(1, m.value("gatecache_purges_total", Map.of("kind", "url", "source", "http")), all);
        for (String kind : new String[] {"soft", "ban", "clear"}) {
            assertEquals(0, m.value("gatecache_purges_total", Map.of("kind", kind, "source", "http")), kind + "\n" + all);
        }
        assertEquals(0, m.value("gatecache_purges_not_recorded_total"), all);
        assertEquals(1, m.value("gatecache_refreshes_total", Map.of("result", "done")), all);
        assertEquals(0, m.value("gatecache_refreshes_total", Map.of("result", "failed")), all);
        assertEquals(1, m.value("gatecache_store_healthy"), all);
        assertEquals(1, m.value("gatecache_cluster_members"), all);
        assertEquals(m.value("cache_size"), m.value("gatecache_store_entries"), all);
        assertTrue(m.value("gatecache_store_entries") >= 1, all);
        assertTrue(m.value("gatecache_store_bytes") > 0, "the local store is bounded by bytes\n" + all);
        assertEquals(0, m.value("gatecache_coalesced_total", Map.of("result", "timeout")), all);
        assertEquals(0, m.value("gatecache_downstream_purges_total", Map.of("result", "failed")), all);
    }

    /** Whether the refresh is done and every response and origin call of the sequence is timed. */
    private static boolean settled(Scrape m) {
        long passed = (long) (m.sum("gatecache_responses_total", Map.of("status", "DYNAMIC"))
                + m.sum("gatecache_responses_total", Map.of("status", "BYPASS")));
        Histogram origin = m.histogram("gatecache_origin_seconds", Map.of());
        return m.value("gatecache_refreshes_total", Map.of("result", "done")) == 1 && origin != null
                && origin.getSampleCount() == 3 + 1 + passed
                && count(m, "HIT") == 5 && count(m, "MISS") == 3 && count(m, "STALE") == 1;
    }

    private static long count(Scrape m, String status) {
        Histogram h = m.histogram("gatecache_response_seconds", Map.of("status", status));
        return h == null ? -1 : h.getSampleCount();
    }

    @Test
    void aScraperWithTheTokenReadsThemThroughAProxyAndHeadAndOptionsAnswer() {
        HttpResponse<String> r = http.send(http.request(METRICS, "X-Forwarded-For", "203.0.113.9",
                "Authorization", "Bearer " + TOKEN).GET().build());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Scrape.parse(r.body()).value("gatecache_store_healthy") == 1, r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> head = http.head(METRICS);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        HttpResponse<String> options = http.send("OPTIONS", METRICS);
        assertEquals("GET, HEAD, OPTIONS", options.headers().firstValue("Allow").orElse(""), Http.describe(options));
    }

    @Test
    void closedToACallerThroughAProxy() {
        HttpResponse<String> r = http.send(http.request(METRICS, "X-Forwarded-For", "203.0.113.9").GET().build());
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(403, http.send(http.request(METRICS, "X-Forwarded-For", "203.0.113.9",
                "Authorization", "Bearer wrong").GET().build()).statusCode());
        assertTrue(r.body().contains("gatecache.metrics.trusted-addresses"), r.body());
        assertEquals(405, http.send("POST", METRICS).statusCode());
    }
}
