package io.gatecache.infinispan;

import io.gatecache.core.Headers;
import io.gatecache.core.HttpDate;
import io.gatecache.core.StoredResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What an entry costs in the Infinispan store (run by {@code bench/run entries}; not a test): N
 * responses of 2 KiB, each with ten tags of its own and the fields a page carries, stored in the
 * shipped local store, in its stored form. Reported per entry: the heap in use after full
 * collections, against the same JVM before the store took them, and the store's own estimate (what
 * its {@code max-size} bound counts), and how many such entries fit under the shipped bound
 * (256 MB) by that estimate.
 */
public final class EntryCostBenchmark {

    private static final long BOUND = 256L * 1000 * 1000;

    private EntryCostBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length == 0 ? 20_000 : Integer.parseInt(args[0]);
        Clock clock = Clock.systemUTC();
        InfinispanResponseStore store = InfinispanResponseStore.start("gatecache/infinispan-local.xml",
                "gatecache-responses", clock, 16);
        try {
            long before = heapAfterCollections();
            long now = clock.millis();
            byte[] body = "x".repeat(2048).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < n; i++) {
                List<String> tags = new ArrayList<>(10);
                for (int t = 0; t < 10; t++) {
                    tags.add("t" + i + "-" + t);
                }
                Headers headers = Headers.of("Cache-Control", "public, max-age=3600", "Content-Type",
                        "text/html;charset=UTF-8", "Date", HttpDate.format(now), "ETag", "\"v" + i + "\"",
                        "Content-Length", "2048");
                StoredResponse r = new StoredResponse(200, headers, body, now, now, Headers.EMPTY, -1, null, tags);
                store.put("/page/" + i, r, now, 3_600_000);
            }
            if (store.size() != n) {
                throw new IllegalStateException("the store kept " + store.size() + " of " + n + " entries");
            }
            long after = heapAfterCollections();
            long estimate = store.bytes();
            System.out.printf("entries of 2 KiB with 10 tags in the local Infinispan store (heap, ProtoStream form), %,d"
                    + " stored%n", n);
            System.out.printf("%-34s %12s%n", "measure", "bytes/entry");
            System.out.printf("%-34s %12.0f%n", "heap in use after collections", (after - before) / (double) n);
            System.out.printf("%-34s %12.0f%n", "the store's own estimate", estimate / (double) n);
            System.out.printf("entries under the shipped bound (256 MB) by the store's estimate: %,d%n",
                    (long) (BOUND / (estimate / (double) n)));
        } finally {
            store.close();
        }
    }

    /** The heap in use after full collections, once it stops shrinking. */
    private static long heapAfterCollections() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= last - 64 * 1024) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }
}
