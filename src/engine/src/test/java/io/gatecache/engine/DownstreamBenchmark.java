package io.gatecache.engine;

import com.sun.net.httpserver.HttpServer;
import io.gatecache.core.downstream.PurgeCalls;
import io.gatecache.core.downstream.PurgeServerKind;
import io.gatecache.core.downstream.TagField;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * What a purge made on the committing thread costs, with purge servers and without (run by
 * {@code bench/run downstream}; not a test): the publish of one content item's tags
 * ({@link Purger#purgeTags}, as the clear after a commit calls it), timed one by one on three
 * engines, interleaved round by round: no purge servers; two that answer at once; one down
 * (nothing listens on its port) and one that answers after 5 s, past the 2 s timeout. The servers
 * are JDK HTTP servers on loopback in this process. One purge every half millisecond (2,000 a
 * second, a busy site's commits), so that the servers that answer keep up and nothing is dropped
 * from their queues; the pace is not timed.
 */
public final class DownstreamBenchmark {

    private DownstreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int purges = Integer.getInteger("purges", 2_000);
        int rounds = Integer.getInteger("rounds", 5);
        List<HttpServer> servers = new ArrayList<>();
        URI ok1 = server(servers, 0);
        URI ok2 = server(servers, 0);
        URI slow = server(servers, 5_000);
        URI down = URI.create("http://127.0.0.1:" + freePort());
        Map<String, CacheEngine> engines = new LinkedHashMap<>();
        engines.put("no-purge-servers", engine(List.of()));
        engines.put("two-purge-servers", engine(List.of(ok1, ok2)));
        engines.put("one-down-one-slow", engine(List.of(down, slow)));
        Map<String, List<Long>> nanos = new LinkedHashMap<>();
        engines.keySet().forEach(k -> nanos.put(k, new ArrayList<>()));
        for (int round = 0; round <= rounds; round++) {
            List<String> order = new ArrayList<>(engines.keySet());
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String name : order) {
                long[] times = run(engines.get(name), round * purges, purges);
                if (round > 0) { // round 0 warms up
                    for (long t : times) {
                        nanos.get(name).add(t);
                    }
                }
            }
        }
        System.out.printf("%-20s %10s %10s %10s %10s %12s%n", "purge servers", "purges", "p50 us", "p99 us", "max us",
                "p99 - none");
        double none = 0;
        for (Map.Entry<String, List<Long>> e : nanos.entrySet()) {
            long[] t = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            double p99 = t[t.length * 99 / 100] / 1e3;
            if (none == 0) {
                none = p99;
            }
            System.out.printf("%-20s %10d %10.2f %10.2f %10.0f %9.2f us%n", e.getKey(), t.length, t[t.length / 2] / 1e3,
                    p99, t[t.length - 1] / 1e3, p99 - none);
        }
        for (Map.Entry<String, CacheEngine> e : engines.entrySet()) {
            var c = e.getValue().downstreamCounters();
            System.out.printf("%-20s sent %d, retried %d, failed %d, dropped %d, purges of everything %d%n", e.getKey(),
                    c.sent(), c.retried(), c.failed(), c.dropped(), c.everything());
        }
        engines.values().forEach(CacheEngine::close);
        servers.forEach(s -> s.stop(0));
        System.exit(0);
    }

    /** Times {@code count} purges of one publish's tags each, numbered from {@code from}. */
    private static long[] run(CacheEngine engine, int from, int count) {
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            int n = from + i;
            Set<String> tags = Set.of("c" + n, "r" + n, "l" + n, "pl" + n, "rl" + n, "l" + (n + 1), "pl" + (n + 1));
            long start = System.nanoTime();
            engine.purger().purgeTags(tags, false);
            times[i] = System.nanoTime() - start;
            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
        }
        return times;
    }

    private static CacheEngine engine(List<URI> servers) {
        Settings.Downstream d = new Settings.Downstream(TagField.of("xkey", 0), 300, servers,
                new PurgeCalls(PurgeServerKind.VARNISH_XKEY, true, PurgeCalls.DEFAULT_MAX_FIELD_LENGTH, null, null),
                false, 10_000, 3, 2_000);
        Clock clock = Clock.systemUTC();
        return new CacheEngine(TestSettings.settings(d), new MemoryResponseStore(clock, 16), clock, "");
    }

    /** A server on loopback answering every request with 200, after a delay. */
    private static URI server(List<HttpServer> servers, long delayMillis) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        s.setExecutor(Executors.newCachedThreadPool());
        s.start();
        servers.add(s);
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
