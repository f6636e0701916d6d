package io.gatecache.jakarta.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.MemoryResponseStore;
import io.gatecache.engine.config.SettingsReader;
import io.gatecache.engine.config.Source;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files of {@code server-config/observability}: Prometheus's own {@code promtool} (Debian's
 * {@code prometheus} package, which {@code .ci/run} installs) checks the configuration and the
 * alert rules, and runs the rules' unit tests (each alert fires in its case, and not in a healthy
 * one); the dashboard and the rules name only metrics the cache serves.
 */
class ObservabilityFilesTest {

    private static final Path DIR = Path.of("../../server-config/observability");
    /** A metric's name in a query: Gatecache's, or the cache convention's. */
    private static final Pattern NAME = Pattern.compile("\\b(?:gatecache|cache)_[a-z_]+\\b");

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool (Debian's prometheus package) is needed: .ci/run installs it", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool " + args[0] + " " + args[1] + " ended");
        assertEquals(0, p.exitValue(), "promtool " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    @Test
    void promtoolChecksTheConfigurationAndTheRulesAndTheirTestsPass() throws Exception {
        assertTrue(promtool("check", "rules", "gatecache-alerts.yml").contains("SUCCESS"));
        assertTrue(promtool("check", "config", "prometheus.yml").contains("SUCCESS"));
        promtool("test", "rules", "gatecache-alerts.test.yml");
    }

    @Test
    void theDashboardAndTheRulesNameOnlyMetricsTheCacheServes() throws IOException {
        Set<String> served = new TreeSet<>();
        CacheEngine engine = new CacheEngine(SettingsReader.read(Source.of(Map.of("gatecache.store", "memory"))),
                new MemoryResponseStore(Clock.systemUTC(), 16), Clock.systemUTC(), "");
        GatecacheMetrics metrics = GatecacheMetrics.start(engine, "/");
        try {
            for (MetricSnapshot s : metrics.scrape()) {
                String name = s.getMetadata().getPrometheusName();
                if (s instanceof HistogramSnapshot) {
                    served.addAll(List.of(name + "_bucket", name + "_sum", name + "_count"));
                } else if (s instanceof io.prometheus.metrics.model.snapshots.CounterSnapshot) {
                    served.add(name + "_total");
                } else {
                    served.add(name);
                }
            }
            served.add("gatecache_store_bytes");  // a memory store counts no bytes: not in this scrape
        } finally {
            metrics.stop();
            engine.close();
        }
        for (String file : List.of("gatecache-dashboard.json", "gatecache-alerts.yml", "gatecache-alerts.test.yml")) {
            Matcher m = NAME.matcher(Files.readString(DIR.resolve(file)));
            Set<String> unknown = new TreeSet<>();
            int seen = 0;
            while (m.find()) {
                seen++;
                if (!served.contains(m.group())) {
                    unknown.add(m.group());
                }
            }
            assertTrue(seen > 0, file + " names metrics");
            assertEquals(Set.of(), unknown, file + " names metrics the cache does not serve (it serves " + served + ")");
        }
    }
}
