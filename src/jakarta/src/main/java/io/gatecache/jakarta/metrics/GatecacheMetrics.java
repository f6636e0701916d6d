package io.gatecache.jakarta.metrics;

import io.gatecache.core.CacheStatus;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.FrontDoor;
import io.gatecache.engine.PurgeKind;
import io.gatecache.engine.PurgeSource;
import io.gatecache.engine.Statistics;
import io.gatecache.engine.downstream.DownstreamCounters;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One application's cache as Prometheus metrics, in a registry of its own (dropped with the
 * application, so a redeployment leaves nothing behind), every one labelled {@code cache}:
 * <ul>
 * <li>the Micrometer cache convention's {@code cache_gets_total{result}}, {@code cache_puts_total},
 * {@code cache_evictions_total}, {@code cache_size};</li>
 * <li>Gatecache's own, {@code gatecache_*}.</li>
 * </ul>
 * The counts are the engine's own counters (those JMX reads), read when the metrics are scraped:
 * nothing is counted twice on the request path. Only the latencies are recorded as they happen
 * ({@link LatencyHistograms}), once {@link #start} hands them to the engine.
 */
public final class GatecacheMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CacheEngine engine;
    private final Labels cache;
    /** The store's keys, counted as the scrape under way began. */
    private volatile long keys;

    private GatecacheMetrics(CacheEngine engine, String cacheName) {
        this.engine = engine;
        this.cache = Labels.of("cache", cacheName);
    }

    /**
     * Registers the metrics of {@code engine}'s cache, named {@code cacheName}, and has its
     * latencies recorded from now on.
     */
    public static GatecacheMetrics start(CacheEngine engine, String cacheName) {
        GatecacheMetrics metrics = new GatecacheMetrics(engine, cacheName);
        metrics.registerCacheConvention();
        metrics.registerResponses();
        metrics.registerStore();
        metrics.registerPurges();
        metrics.registerWork();
        engine.statistics().reportLatencies(new LatencyHistograms(metrics.registry, metrics.cache));
        return metrics;
    }

    /**
     * What the metrics read now. The store's keys are counted once for the scrape's two gauges
     * of them: a clustered store counts them across the cluster.
     */
    public MetricSnapshots scrape() {
        keys = engine.storedKeys();
        return registry.scrape();
    }

    /** The store's keys as the scrape under way counted them. */
    private long storedKeys() {
        return keys;
    }

    /** Stops recording latencies (the application stops). */
    public void stop() {
        engine.statistics().reportLatencies(io.gatecache.engine.Latencies.NONE);
    }

    private void registerCacheConvention() {
        Statistics stats = engine.statistics();
        counter("cache_gets", "Lookups: hit (HIT, STALE: answered from the store) and miss (MISS, EXPIRED,"
                + " REVALIDATED: asked the origin)", new String[] {"result"}, cb -> {
                    cb.call(stats.hits(), "hit");
                    cb.call(stats.misses(), "miss");
                });
        counter("cache_puts", "Responses written to the store", stats::stores);
        counter("cache_evictions", "Entries this node's store evicted to stay within its bounds",
                engine::storeEvictions);
        gauge("cache_size", "Keys in the store", this::storedKeys);
    }

    private void registerResponses() {
        Statistics stats = engine.statistics();
        counter("gatecache_responses", "Responses by cache status and front door", new String[] {"status", "door"},
                cb -> {
                    for (FrontDoor door : FrontDoor.values()) {
                        for (CacheStatus status : CacheStatus.values()) {
                            cb.call(stats.count(status, door), status.name(), door.label());
                        }
                    }
                });
    }

    private void registerStore() {
        gauge("gatecache_store_entries", "Keys in the store", this::storedKeys);
        GaugeWithCallback.builder().name("gatecache_store_bytes")
                .help("Bytes this node's store holds, as it estimates them (a store bounded by max-size)")
                .constLabels(cache).callback(cb -> {
                    long bytes = engine.storeBytes();
                    if (bytes >= 0) {
                        cb.call(bytes);
                    }
                }).register(registry);
        gauge("gatecache_store_healthy", "1 when the store answers, else 0", () -> engine.storeHealthy() ? 1 : 0);
        gauge("gatecache_cluster_members", "Nodes sharing the store, as this node sees them (1 for a local store)",
                () -> engine.membership().members().size());
    }

    private void registerPurges() {
        Statistics stats = engine.statistics();
        counter("gatecache_purges", "Purges by kind (url, tag, soft, ban, clear) and source (http, jpa, api, jmx)",
                new String[] {"kind", "source"}, cb -> {
                    for (PurgeKind kind : PurgeKind.values()) {
                        for (PurgeSource source : PurgeSource.values()) {
                            cb.call(stats.purges(kind, source), kind.label(), source.label());
                        }
                    }
                });
        counter("gatecache_purges_not_recorded", "Purges the store could not record for every node sharing it",
                stats::purgesNotRecorded);
        DownstreamCounters downstream = engine.downstreamCounters();
        counter("gatecache_downstream_purges", "Purge requests to the proxies and CDNs in front, by result",
                new String[] {"result"}, cb -> {
                    cb.call(downstream.sent(), "sent");
                    cb.call(downstream.retried(), "retried");
                    cb.call(downstream.failed(), "failed");
                    cb.call(downstream.dropped(), "dropped");
                });
    }

    private void registerWork() {
        Statistics stats = engine.statistics();
        counter("gatecache_coalesced", "Requests that waited for another's origin call: waited (its turn ended in"
                + " time) and timeout (the wait ran out)", new String[] {"result"}, cb -> {
                    cb.call(stats.coalescedInTime(), "waited");
                    cb.call(stats.coalescedTimeouts(), "timeout");
                });
        counter("gatecache_refreshes", "Background refreshes: done, failed, skipped (one already running, or too"
                + " many)", new String[] {"result"}, cb -> {
                    cb.call(stats.refreshesDone(), "done");
                    cb.call(stats.refreshesFailed(), "failed");
                    cb.call(stats.refreshesSkipped(), "skipped");
                });
        counter("gatecache_esi_fragments", "ESI includes: stored (from the store), fetched, failed",
                new String[] {"result"}, cb -> {
                    cb.call(stats.esiFragmentsStored(), "stored");
                    cb.call(stats.esiFragmentsFetched(), "fetched");
                    cb.call(stats.esiFragmentsFailed(), "failed");
                });
        counter("gatecache_claims", "Turns claimed for every node sharing the store: held here, waited for on"
                + " another node", new String[] {"result"}, cb -> {
                    cb.call(stats.claimsHeld(), "held");
                    cb.call(stats.claimsWaited(), "waited");
                });
        counter("gatecache_user_context_lookups", "User context hashes this node's application worked out",
                () -> engine.userContexts().lookups());
    }

    private void counter(String name, String help, LongSupplier value) {
        counter(name, help, new String[0], cb -> cb.call(value.getAsLong()));
    }

    private void counter(String name, String help, String[] labels, Consumer<CounterWithCallback.Callback> values) {
        CounterWithCallback.builder().name(name).help(help).constLabels(cache).labelNames(labels).callback(values)
                .register(registry);
    }

    private void gauge(String name, String help, LongSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).constLabels(cache)
                .callback(cb -> cb.call(value.getAsLong())).register(registry);
    }
}
