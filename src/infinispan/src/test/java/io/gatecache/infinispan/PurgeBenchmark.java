package io.gatecache.infinispan;

import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How long a purge by tag takes in the Infinispan store, against the number of entries carrying
 * the tag (run by {@code bench/run purge}; not a test). The store is filled with N entries, each
 * carrying the same ten tags {@code shared-0..9} plus one of its own; then the shared tags are
 * purged in turn, 1,000 purges timed one by one, each of a tag all N stored entries carry (a purge
 * writes one record and visits no entry, so what earlier purges did to the entries does not
 * matter to it). For comparison,
 * first, the cost of only finding a tag's entries by visiting every key, as a store without purge
 * records must before it removes anything (a lower bound of such a purge).
 */
public final class PurgeBenchmark {

    private static final int SHARED = 10;

    private PurgeBenchmark() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int purges = Integer.getInteger("purges", 1_000);
        int scans = Integer.getInteger("scans", 20);
        System.out.printf("%-10s %-22s %8s %10s %10s%n", "entries", "purge", "count", "p50 ms", "p99 ms");
        for (int n : sizes) {
            run(n, purges, scans);
        }
    }

    private static void run(int n, int purges, int scans) {
        Clock clock = Clock.systemUTC();
        InfinispanResponseStore store = InfinispanResponseStore.start("gatecache/infinispan-local.xml",
                "gatecache-responses", clock, 16);
        try {
            Set<String> shared = new HashSet<>();
            for (int t = 0; t < SHARED; t++) {
                shared.add("shared-" + t);
            }
            byte[] body = new byte[512];
            long now = clock.millis();
            for (int i = 0; i < n; i++) {
                Set<String> tags = new HashSet<>(shared);
                tags.add("e" + i);
                StoredResponse r = new StoredResponse(200, Headers.of("Cache-Control", "max-age=3600"), body, now, now,
                        Headers.EMPTY, -1, null, tags);
                store.put("/entry/" + i, r, now, 3_600_000);
            }
            if (store.size() < n) {
                throw new IllegalStateException("the store kept " + store.size() + " of " + n + " entries");
            }
            List<Long> scanned = new ArrayList<>(scans);
            for (int t = 0; t < scans; t++) {
                long start = System.nanoTime();
                int found = 0;
                for (int i = 0; i < n; i++) {
                    for (StoredResponse r : store.get("/entry/" + i)) {
                        if (r.tags().contains("shared-" + t % SHARED)) {
                            found++;
                        }
                    }
                }
                scanned.add(System.nanoTime() - start);
                if (found != n) {
                    throw new IllegalStateException("the scan found " + found + " of " + n);
                }
            }
            // warm-up on tags no entry carries
            for (int i = 0; i < 2_000; i++) {
                store.invalidateTags(List.of("warm-" + i), clock.millis(), false);
            }
            List<Long> times = new ArrayList<>(purges);
            for (int t = 0; t < purges; t++) {
                long start = System.nanoTime();
                store.invalidateTags(List.of("shared-" + t % SHARED), clock.millis(), false);
                times.add(System.nanoTime() - start);
            }
            print(n, "scan (find only)", scanned);
            print(n, "by tag (record)", times);
            if (store.get("/entry/0").size() != 0 || store.size() < n) {
                throw new IllegalStateException("the purge did not reach the entries, or removed them");
            }
        } finally {
            store.close();
        }
    }

    private static void print(int n, String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        double p50 = sorted.get((int) Math.ceil(0.50 * sorted.size()) - 1) / 1e6;
        double p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1) / 1e6;
        System.out.printf("%-10d %-22s %8d %10.3f %10.3f%n", n, what, nanos.size(), p50, p99);
    }
}
