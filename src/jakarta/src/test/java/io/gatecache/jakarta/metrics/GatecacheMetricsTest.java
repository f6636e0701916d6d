package io.gatecache.jakarta.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheStatus;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.Latencies;
import io.gatecache.engine.MemoryResponseStore;
import io.gatecache.engine.config.SettingsReader;
import io.gatecache.engine.config.Source;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricsProcessor;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.hawkular.agent.prometheus.walkers.CollectorPrometheusMetricsWalker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics as a Prometheus parser reads them: every documented name, of its type, each with
 * the {@code cache} label; the latencies recorded in the histograms' buckets while the metrics are
 * on, and no longer once stopped.
 */
class GatecacheMetricsTest {

    private final CacheEngine engine = new CacheEngine(SettingsReader.read(Source.of(Map.of("gatecache.store", "memory"))),
            new MemoryResponseStore(Clock.systemUTC(), 16), Clock.systemUTC(), "/shop");
    private final GatecacheMetrics metrics = GatecacheMetrics.start(engine, "/shop");

    @AfterEach
    void stop() {
        metrics.stop();
        engine.close();
    }

    private Map<String, MetricFamily> families() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(text, metrics.scrape());
        CollectorPrometheusMetricsWalker walker = new CollectorPrometheusMetricsWalker();
        new TextPrometheusMetricsProcessor(new ByteArrayInputStream(text.toByteArray()), walker).walk();
        Map<String, MetricFamily> byName = new HashMap<>();
        for (MetricFamily f : walker.getAllMetricFamilies()) {
            byName.put(f.getName(), f);
        }
        return byName;
    }

    @Test
    void everyDocumentedNameIsThereOfItsTypeWithTheCacheLabel() throws IOException {
        Map<String, MetricFamily> families = families();
        Map<String, MetricType> expected = new HashMap<>();
        for (String counter : List.of("cache_gets_total", "cache_puts_total", "cache_evictions_total",
                "gatecache_responses_total", "gatecache_purges_total", "gatecache_purges_not_recorded_total",
                "gatecache_coalesced_total", "gatecache_refreshes_total", "gatecache_esi_fragments_total",
                "gatecache_claims_total", "gatecache_downstream_purges_total", "gatecache_user_context_lookups_total")) {
            expected.put(counter, MetricType.COUNTER);
        }
        for (String gauge : List.of("cache_size", "gatecache_store_entries", "gatecache_store_healthy",
                "gatecache_cluster_members")) {
            expected.put(gauge, MetricType.GAUGE);
        }
        for (String histogram : List.of("gatecache_origin_seconds", "gatecache_response_seconds",
                "gatecache_esi_fragment_seconds")) {
            expected.put(histogram, MetricType.HISTOGRAM);
        }
        expected.forEach((name, type) -> {
            MetricFamily f = families.get(name);
            assertNotNull(f, name + " in " + families.keySet());
            assertEquals(type, f.getType(), name);
            for (Metric m : f.getMetrics()) {
                assertEquals("/shop", m.getLabels().get("cache"), name);
            }
        });
        // a memory store counts no bytes: no sample rather than a made-up one
        assertTrue(families.get("gatecache_store_bytes") == null
                || families.get("gatecache_store_bytes").getMetrics().isEmpty());
        assertEquals(7 * 4, families.get("gatecache_responses_total").getMetrics().size(), "each status by each door");
        assertEquals(5 * 4, families.get("gatecache_purges_total").getMetrics().size(), "each kind by each source");
        assertEquals(1.0, value(families, "gatecache_store_healthy", Map.of()));
        assertEquals(1.0, value(families, "gatecache_cluster_members", Map.of()));
    }

    @Test
    void latenciesGoToTheHistogramsBucketsWhileTheMetricsAreOn() throws IOException {
        Latencies latencies = engine.statistics().latencies();
        assertInstanceOf(LatencyHistograms.class, latencies);
        latencies.response(CacheStatus.HIT, 700_000);
        latencies.response(CacheStatus.HIT, 3_000_000);
        latencies.origin(40_000_000);
        latencies.esiFragment(2_000_000);

        Map<String, MetricFamily> families = families();
        Histogram hits = histogram(families, "gatecache_response_seconds", Map.of("status", "HIT"));
        assertEquals(2, hits.getSampleCount());
        assertEquals(0.0037, hits.getSampleSum(), 1e-9);
        assertEquals(1, bucket(hits, 0.001), "0.7 ms within the 1 ms bucket");
        assertEquals(1, bucket(hits, 0.0025));
        assertEquals(2, bucket(hits, 0.005));
        assertEquals(0, histogram(families, "gatecache_response_seconds", Map.of("status", "MISS")).getSampleCount());
        Histogram origin = histogram(families, "gatecache_origin_seconds", Map.of());
        assertEquals(1, origin.getSampleCount());
        assertEquals(0, bucket(origin, 0.025));
        assertEquals(1, bucket(origin, 0.05));
        assertEquals(1, histogram(families, "gatecache_esi_fragment_seconds", Map.of()).getSampleCount());

        metrics.stop();
        assertSame(Latencies.NONE, engine.statistics().latencies(), "stopped with the application");
    }

    private static double value(Map<String, MetricFamily> families, String name, Map<String, String> labels) {
        Metric m = find(families, name, labels);
        return m instanceof org.hawkular.agent.prometheus.types.Gauge g ? g.getValue()
                : ((org.hawkular.agent.prometheus.types.Counter) m).getValue();
    }

    private static Histogram histogram(Map<String, MetricFamily> families, String name, Map<String, String> labels) {
        return (Histogram) find(families, name, labels);
    }

    private static Metric find(Map<String, MetricFamily> families, String name, Map<String, String> labels) {
        for (Metric m : families.get(name).getMetrics()) {
            Map<String, String> others = new HashMap<>(m.getLabels());
            others.remove("cache");
            if (others.equals(labels)) {
                return m;
            }
        }
        throw new AssertionError(name + labels + " not found");
    }

    /** The cumulative count of the bucket whose upper bound is {@code le}. */
    private static long bucket(Histogram h, double le) {
        for (Histogram.Bucket b : h.getBuckets()) {
            if (b.getUpperBound() == le) {
                return b.getCumulativeCount();
            }
        }
        throw new AssertionError("no bucket le=" + le);
    }
}
