package io.gatecache.jakarta.metrics;

import io.gatecache.core.Headers;
import io.gatecache.engine.Answer;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.Capture;
import io.gatecache.engine.MemoryResponseStore;
import io.gatecache.engine.RequestPipeline;
import io.gatecache.engine.config.SettingsReader;
import io.gatecache.engine.config.Source;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the metrics add to a hit, in-process (run by {@code bench/run metrics}; not a test): two
 * engines of the same build over the memory store (the cheapest hit, so the metrics' share is the
 * largest), one with {@link GatecacheMetrics} started, one without (as
 * {@code gatecache.metrics.enabled=false}), each answering a stored 2 KiB page through the
 * request pipeline, as the servlet door drives it. Rounds of 200,000 hits on one thread,
 * interleaved (every other round in reverse), after 1,000,000 of each to warm up; the median of
 * the rounds' nanoseconds per hit.
 */
public final class MetricsBenchmark {

    private static final byte[] PAGE = "x".repeat(2048).getBytes(StandardCharsets.UTF_8);

    private MetricsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 9);
        int hits = Integer.getInteger("hits", 200_000);
        CacheEngine off = engine();
        CacheEngine on = engine();
        GatecacheMetrics metrics = GatecacheMetrics.start(on, "/");
        try {
            BenchDoor door = new BenchDoor();
            for (CacheEngine e : List.of(off, on)) {
                e.pipeline().handle(door);
                e.pipeline().handle(door);
                if (door.answer == null || door.answer.status() != 200) {
                    throw new IllegalStateException("the page is not answered from the store");
                }
                run(e, door, 1_000_000);
            }
            List<Double> offNanos = new ArrayList<>();
            List<Double> onNanos = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                boolean offFirst = r % 2 == 0;
                double first = run(offFirst ? off : on, door, hits);
                double second = run(offFirst ? on : off, door, hits);
                (offFirst ? offNanos : onNanos).add(first);
                (offFirst ? onNanos : offNanos).add(second);
            }
            double offMedian = median(offNanos);
            double onMedian = median(onNanos);
            System.out.printf("the hit through the pipeline, in-process (memory store, 2 KiB), median of %d interleaved"
                    + " rounds of %,d hits, one thread%n", rounds, hits);
            System.out.printf("%-16s %12s%n", "engine", "ns/hit");
            System.out.printf("%-16s %12.0f%n", "metrics-off", offMedian);
            System.out.printf("%-16s %12.0f%n", "metrics-on", onMedian);
            System.out.printf("metrics on: %.3fx the time of a hit with them off (+%.0f ns); rounds off %s, on %s%n",
                    onMedian / offMedian, onMedian - offMedian, rounded(offNanos), rounded(onNanos));
        } finally {
            metrics.stop();
            off.close();
            on.close();
        }
    }

    private static CacheEngine engine() {
        Clock clock = Clock.systemUTC();
        return new CacheEngine(SettingsReader.read(Source.of(Map.of("gatecache.store", "memory",
                "gatecache.hosts", "bench.test"))), new MemoryResponseStore(clock, 16), clock, "");
    }

    /** Nanoseconds per hit over {@code hits} hits. */
    private static double run(CacheEngine engine, BenchDoor door, int hits) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < hits; i++) {
            door.answer = null;
            engine.pipeline().handle(door);
            if (door.answer == null) {
                throw new IllegalStateException("a request was not a hit");
            }
        }
        return (System.nanoTime() - start) / (double) hits;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String rounded(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }

    /** A GET of http://bench.test/page, whose application answers the page for an hour. */
    private static final class BenchDoor implements RequestPipeline.Door<RuntimeException> {
        Answer answer;

        @Override public String method() { return "GET"; }
        @Override public String origin() { return "http://bench.test"; }
        @Override public int localPort() { return 80; }
        @Override public String path() { return "/page"; }
        @Override public String query() { return null; }
        @Override public String field(String name) { return name.equalsIgnoreCase("Host") ? "bench.test" : null; }
        @Override public String remoteAddress() { return "192.0.2.1"; }
        @Override public String session() { return null; }
        @Override public String user() { return null; }
        @Override public Map<String, String> userContext() { return Map.of(); }
        @Override public String contextState() { return ""; }
        @Override public void userHash(String field, String hash) { }
        @Override public boolean refresh() { return false; }
        @Override public void fragment() { }
        @Override public void answer(Answer a) { answer = a; }
        @Override public boolean refreshInBackground(String key) { return false; }
        @Override public List<Map.Entry<String, String>> fieldLines() { return List.of(); }
        @Override public URI loopback() { return null; }

        @Override
        public boolean pass(Headers validators, Function<Capture.Target, Capture> capture, Runnable ended) {
            PageTarget target = new PageTarget();
            Capture c = capture.apply(target);
            try {
                c.write(PAGE, 0, PAGE.length);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return false;
        }
    }

    /** The application's response: Cache-Control for an hour, the page's bytes sent nowhere. */
    private static final class PageTarget implements Capture.Target {
        private Headers fields = Headers.of("Cache-Control", "public, max-age=3600", "Content-Type", "text/plain");
        private boolean committed;

        @Override public int status() { return 200; }
        @Override public Headers fields() { return fields; }
        @Override public void set(Headers set) { fields = fields.replacedBy(set); }
        @Override public void add(Headers add) {
            Headers.Builder b = Headers.builder();
            for (int i = 0; i < fields.size(); i++) { b.add(fields.name(i), fields.value(i)); }
            for (int i = 0; i < add.size(); i++) { b.add(add.name(i), add.value(i)); }
            fields = b.build();
        }
        @Override public void contentLength(long length) { set(Headers.of("Content-Length", String.valueOf(length))); }
        @Override public void write(byte[] b, int off, int len) { committed = true; }
        @Override public void flush() { committed = true; }
        @Override public void flushApplication() { }
        @Override public boolean committed() { return committed; }
        @Override public void answer(Answer a) { committed = true; }
        @Override public Capture.Origin origin() { return Capture.Origin.APPLICATION; }
        @Override public boolean includesRequested() { return false; }
        @Override public Set<String> codeTags() { return Set.of(); }
        @Override public List<Map.Entry<String, String>> requestFieldLines() { return List.of(); }
        @Override public URI loopback() { return null; }
    }
}
