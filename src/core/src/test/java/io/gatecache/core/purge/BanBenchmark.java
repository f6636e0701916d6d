package io.gatecache.core.purge;

import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;

/**
 * What judging one stored entry against a ban costs (run by {@code bench/run ban}; not a test): an
 * entry older than the ban, whose key the ban's expression must read, is judged as a hit of it
 * would be. For each key length, 1,000 entries are judged one by one and timed, after as many
 * judged to warm up: against a linear ban, and against {@code (.*a){12}}, which backtracks over
 * every way of placing twelve {@code a}s in a key of {@code a}s it can never match (unbounded,
 * billions of steps on 33 characters), so that only its budget of characters read ends it. The
 * last column counts the entries the ban reached (a match, or a match past its budget).
 */
public final class BanBenchmark {

    private static final String PREFIX = "/echo/rb/";

    private BanBenchmark() {
    }

    public static void main(String[] args) {
        int[] lengths = args.length == 0 ? new int[] {33, 300, 3_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int count = Integer.getInteger("judgments", 1_000);
        System.out.printf("%-28s %8s %8s %10s %10s %10s %8s%n", "ban", "key", "count", "p50 ms", "p99 ms", "max ms",
                "banned");
        for (String ban : new String[] {"^/echo/rb/.*b$", "^/echo/rb/(.*a){12}$"}) {
            for (int length : lengths) {
                run(ban, length, count);
            }
        }
    }

    private static void run(String expression, int length, int count) {
        Clock clock = Clock.systemUTC();
        long now = clock.millis();
        PurgeLedger ledger = new PurgeLedger(clock, PurgeLedger.DEFAULT_RETENTION_MILLIS);
        ledger.banned(Ban.of(expression, null, null, now - 5_000));
        // a key the expression reads to its end: a's, then one character that fails (.*a){12}$
        String base = PREFIX + "a".repeat(Math.max(0, length - PREFIX.length() - 5));
        long[] nanos = new long[count];
        int reached = 0;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < count; i++) {
                String key = base + String.format("%04d", i) + (expression.contains("{12}") ? "x" : "b");
                StoredResponse entry = entry(now - 10_000);
                long start = System.nanoTime();
                StoredResponse kept = ledger.judge(key, entry);
                nanos[i] = System.nanoTime() - start;
                reached += kept == null ? 1 : 0;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-28s %8d %8d %10.3f %10.3f %10.3f %8d%n", expression, base.length() + 5, count,
                nanos[count / 2] / 1e6, nanos[count * 99 / 100] / 1e6, nanos[count - 1] / 1e6, reached / 2);
    }

    /** An entry whose request started before the ban, so the ban is checked against it. */
    private static StoredResponse entry(long built) {
        return new StoredResponse(200, Headers.of("Cache-Control", "max-age=100"), new byte[0], built, built + 10,
                Headers.of(Variants.ORIGIN, "http://example.org"), -1, null, Set.of());
    }
}
