package io.gatecache.infinispan;

import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a purge issued on one node takes to be seen on the other (run by
 * {@code bench/run cluster}; not a test). Two nodes, each its own cache manager and JGroups
 * channel talking over TCP on loopback, started from a shipped clustered configuration. For each
 * of 1,000 purges: an entry is stored through node A and read on node B; then the clock starts,
 * the purge is issued on node A, and node B is read until the entry is gone there; the clock
 * stops. Purges by tag and by URL, after 500 of each to warm up. The table also says how many
 * purges node B had seen by the time node A's call returned (the configurations replicate
 * synchronously, so all of them should be).
 */
public final class ClusterPurgeBenchmark {

    private ClusterPurgeBenchmark() {
    }

    public static void main(String[] args) {
        int purges = Integer.getInteger("purges", 1_000);
        List<String> configs = args.length == 0
                ? List.of("gatecache/infinispan-replicated.xml", "gatecache/infinispan-distributed.xml")
                : List.of(args);
        System.out.printf("%-26s %-8s %7s %9s %9s %22s%n", "configuration", "purge", "count", "p50 ms", "p99 ms",
                "seen on B at return");
        for (String config : configs) {
            Clock clock = Clock.systemUTC();
            try (TwoNodes nodes = new TwoNodes(config, clock)) {
                String name = config.substring(config.lastIndexOf('/') + 1).replace(".xml", "");
                run(nodes, clock, false, 500, null);
                run(nodes, clock, true, 500, null);
                run(nodes, clock, false, purges, name);
                run(nodes, clock, true, purges, name);
            }
        }
    }

    private static void run(TwoNodes nodes, Clock clock, boolean byTag, int purges, String name) {
        byte[] body = new byte[2048];
        List<Long> times = new ArrayList<>(purges);
        int seenAtReturn = 0;
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < purges; i++) {
            String key = "http://bench.gatecache.test/" + run + "/" + i;
            String tag = "t-" + run + "-" + i;
            long now = clock.millis();
            StoredResponse r = new StoredResponse(200, Headers.of("Cache-Control", "max-age=3600"), body, now, now,
                    Headers.EMPTY, -1, null, List.of(tag));
            nodes.a.put(key, r, now, 3_600_000);
            if (nodes.b.get(key).isEmpty()) {
                throw new IllegalStateException("node B does not see what node A stored");
            }
            long start = System.nanoTime();
            if (byTag) {
                nodes.a.invalidateTags(List.of(tag), clock.millis(), false);
            } else {
                nodes.a.invalidate(key, clock.millis());
            }
            boolean gone = nodes.b.get(key).isEmpty();
            if (gone) {
                seenAtReturn++;
            }
            while (!gone) {
                Thread.onSpinWait();
                gone = nodes.b.get(key).isEmpty();
            }
            times.add(System.nanoTime() - start);
        }
        if (name == null) {
            return;
        }
        times.sort(null);
        double p50 = times.get((int) Math.ceil(0.50 * times.size()) - 1) / 1e6;
        double p99 = times.get((int) Math.ceil(0.99 * times.size()) - 1) / 1e6;
        System.out.printf("%-26s %-8s %7d %9.3f %9.3f %15d of %d%n", name, byTag ? "tag" : "URL", purges, p50, p99,
                seenAtReturn, purges);
    }
}
