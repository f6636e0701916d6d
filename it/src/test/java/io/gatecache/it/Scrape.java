package io.gatecache.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricsProcessor;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.walkers.CollectorPrometheusMetricsWalker;

/** One scrape of the metrics, parsed by a Prometheus text format parser: values by sample name and labels. */
final class Scrape {

    private final List<MetricFamily> families;
    final String text;

    private Scrape(String text) throws IOException {
        this.text = text;
        CollectorPrometheusMetricsWalker walker = new CollectorPrometheusMetricsWalker();
        new TextPrometheusMetricsProcessor(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), walker)
                .walk();
        this.families = walker.getAllMetricFamilies();
    }

    static Scrape parse(String text) {
        try {
            return new Scrape(text);
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("not Prometheus's text format: " + e + "\n" + text, e);
        }
    }

    /** The value of the counter or gauge sample {@code name} with exactly these labels besides {@code cache}; NaN when none. */
    double value(String name, Map<String, String> labels) {
        Metric m = find(name, labels);
        if (m instanceof Counter c) {
            return c.getValue();
        }
        if (m instanceof Gauge g) {
            return g.getValue();
        }
        return Double.NaN;
    }

    double value(String name) {
        return value(name, Map.of());
    }

    /** The sum of the counter {@code name}'s samples whose labels include these. */
    double sum(String name, Map<String, String> labels) {
        double sum = 0;
        for (MetricFamily f : families) {
            for (Metric m : f.getMetrics()) {
                if (m.getName().equals(name) && m instanceof Counter c
                        && m.getLabels().entrySet().containsAll(labels.entrySet())) {
                    sum += c.getValue();
                }
            }
        }
        return sum;
    }

    /** The histogram {@code name} with these labels besides {@code cache}; null when none. */
    Histogram histogram(String name, Map<String, String> labels) {
        return find(name, labels) instanceof Histogram h ? h : null;
    }

    /** The label {@code cache} of the sample {@code name}. */
    String cacheLabel(String name) {
        for (MetricFamily f : families) {
            for (Metric m : f.getMetrics()) {
                if (m.getName().equals(name)) {
                    return m.getLabels().get("cache");
                }
            }
        }
        return null;
    }

    private Metric find(String name, Map<String, String> labels) {
        for (MetricFamily f : families) {
            for (Metric m : f.getMetrics()) {
                Map<String, String> others = new java.util.HashMap<>(m.getLabels());
                others.remove("cache");
                if (m.getName().equals(name) && others.equals(labels)) {
                    return m;
                }
            }
        }
        return null;
    }
}
