package io.gatecache.jakarta.metrics;

import io.gatecache.core.CacheStatus;
import io.gatecache.engine.Latencies;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * The engine's latencies as Prometheus histograms (classic buckets, no exemplars): the origin's,
 * each response's by its cache status, and each ESI include fetched. Each status's data point is
 * found once, here, so recording one is an array read and the histogram's own striped counters.
 */
final class LatencyHistograms implements Latencies {

    private static final double NANOS_PER_SECOND = 1e9;
    /** From a hit's fraction of a millisecond to a slow origin's ten seconds. */
    private static final double[] RESPONSE_BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
        0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** An origin's: from a millisecond to thirty seconds. */
    private static final double[] ORIGIN_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
        5, 10, 30};

    private final Histogram origin;
    private final Histogram esiFragment;
    private final DistributionDataPoint[] responses = new DistributionDataPoint[CacheStatus.values().length];

    LatencyHistograms(PrometheusRegistry registry, Labels cache) {
        origin = Histogram.builder().name("gatecache_origin_seconds")
                .help("Requests passed on to the origin, until their response ended").constLabels(cache)
                .classicOnly().classicUpperBounds(ORIGIN_BOUNDS).withoutExemplars().register(registry);
        esiFragment = Histogram.builder().name("gatecache_esi_fragment_seconds")
                .help("ESI includes fetched, until their content or failure was there").constLabels(cache)
                .classicOnly().classicUpperBounds(ORIGIN_BOUNDS).withoutExemplars().register(registry);
        Histogram response = Histogram.builder().name("gatecache_response_seconds")
                .help("Responses, from the request's arrival until written, by cache status").constLabels(cache)
                .labelNames("status").classicOnly().classicUpperBounds(RESPONSE_BOUNDS).withoutExemplars()
                .register(registry);
        for (CacheStatus status : CacheStatus.values()) {
            responses[status.ordinal()] = response.labelValues(status.name());
        }
    }

    @Override
    public void origin(long nanos) {
        origin.observe(nanos / NANOS_PER_SECOND);
    }

    @Override
    public void response(CacheStatus status, long nanos) {
        responses[status.ordinal()].observe(nanos / NANOS_PER_SECOND);
    }

    @Override
    public void esiFragment(long nanos) {
        esiFragment.observe(nanos / NANOS_PER_SECOND);
    }
}
