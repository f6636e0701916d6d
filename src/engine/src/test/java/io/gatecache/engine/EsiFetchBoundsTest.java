package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheOptions;
import io.gatecache.core.Headers;
import io.gatecache.core.LookupPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ESI pages whose fragments are fetched, with no server: a scripted source hands out the
 * fragments' responses, their bodies as streams that count what they deliver and whether they
 * were closed. What a page holds is bounded while its fragments arrive, so many are fetched at
 * once, and the page's end stops the rest.
 */
class EsiFetchBoundsTest {

    private static final String ORIGIN = "http://example.org";
    private static final long WAIT = 10;
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
    private final MemoryResponseStore store = new MemoryResponseStore(clock, 64);
    private final Statistics statistics = new Statistics();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static Settings.Esi limits(long maxBytes, int atOnce) {
        Settings.Esi d = Settings.Esi.DEFAULTS;
        return new Settings.Esi(d.maxDepth(), d.maxIncludes(), maxBytes, atOnce, d.timeoutMillis(), d.errorStatus(),
                d.allowedHosts());
    }

    /** A fragment body of so many bytes (or endless, with -1), counting what it delivers. */
    static final class Body extends InputStream {
        private final long size;
        private final AtomicLong delivered;
        private final Runnable onClose;
        private long sent;
        volatile boolean closed;

        Body(long size, AtomicLong delivered, Runnable onClose) {
            this.size = size;
            this.delivered = delivered;
            this.onClose = onClose;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            if (len == 0) {
                return 0;
            }
            long left = size < 0 ? Long.MAX_VALUE : size - sent;
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, Math.min(left, 8192));
            java.util.Arrays.fill(b, off, off + n, (byte) 'f');
            sent += n;
            delivered.addAndGet(n);
            return n;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                onClose.run();
            }
        }
    }

    /** A body that gives nothing until it is closed. */
    static final class Stalled extends InputStream {
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            try {
                closed.await(WAIT, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("closed");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** A fragment request the source was asked for, and its answer, given now or later by the test. */
    record Asked(URI url, CompletableFuture<OriginClient.Streamed> answer) {
    }

    /** The scripted source: each request recorded, answered by {@code script} (or left to the test when it gives null). */
    final class Scripted implements FragmentSource {
        final BlockingQueue<Asked> asked = new LinkedBlockingQueue<>();
        final List<URI> opened = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong delivered = new AtomicLong();
        final AtomicInteger reading = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        /** A permit for each body closed: a page may be answered before the fragments it gave up are closed. */
        final Semaphore closings = new Semaphore(0);
        private final BiFunction<Scripted, URI, OriginClient.Streamed> script;

        Scripted(BiFunction<Scripted, URI, OriginClient.Streamed> script) {
            this.script = script;
        }

        @Override
        public CompletableFuture<OriginClient.Streamed> open(URI target, List<Map.Entry<String, String>> fields,
                Set<String> notCopied, Map<String, String> extra, long timeoutMillis) {
            opened.add(target);
            mostAtOnce.accumulateAndGet(reading.incrementAndGet(), Math::max);
            OriginClient.Streamed now = script.apply(this, target);
            CompletableFuture<OriginClient.Streamed> answer = now == null ? new CompletableFuture<>()
                    : CompletableFuture.completedFuture(now);
            asked.add(new Asked(target, answer));
            return answer;
        }

        @Override
        public java.util.concurrent.Executor readers() {
            return threads;
        }

        /** A 200 whose body has so many bytes (-1: endless), with the fields given. */
        OriginClient.Streamed ok(long size, String... fields) {
            List<Map.Entry<String, String>> h = new ArrayList<>();
            for (int i = 0; i < fields.length; i += 2) {
                h.add(Map.entry(fields[i], fields[i + 1]));
            }
            return new OriginClient.Streamed(200, h, new Body(size, delivered, this::done), null);
        }

        /** A 200 whose body is the text given. */
        OriginClient.Streamed text(String body) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            return new OriginClient.Streamed(200, List.of(), new java.io.ByteArrayInputStream(b) {
                @Override
                public void close() {
                    done();
                }
            }, null);
        }

        OriginClient.Streamed status(int status) {
            return new OriginClient.Streamed(status, List.of(), new java.io.ByteArrayInputStream(new byte[0]) {
                @Override
                public void close() {
                    done();
                }
            }, null);
        }

        private void done() {
            reading.decrementAndGet();
            closed.incrementAndGet();
            closings.release();
        }

        /** Whether {@code n} bodies were closed (waiting for them at most ten seconds), and no more. */
        boolean closedExactly(int n) throws InterruptedException {
            return closings.tryAcquire(n, WAIT, TimeUnit.SECONDS) && closed.get() == n;
        }
    }

    /** Assembles a page of this markup as the origin just sent it, its fragments from {@code source}. */
    private Answer assemble(Settings.Esi limits, FragmentSource source, String markup) {
        Settings settings = TestSettings.settings(limits);
        CacheEngine engine = new CacheEngine(settings, store, clock, "");
        EsiPages pages = new EsiPages(settings, store, new LookupPolicy(CacheOptions.DEFAULTS), source, clock, "",
                io.gatecache.engine.downstream.DownstreamTags.none(), statistics);
        Exchange ex = engine.begin("GET", ORIGIN, 80, "/page", null, Headers.EMPTY::get);
        return pages.assembleCaptured(ex, 200, Headers.of("Cache-Control", "no-store"), Headers.EMPTY,
                markup.getBytes(StandardCharsets.UTF_8), Set.of(), List::<Map.Entry<String, String>>of,
                () -> URI.create("http://127.0.0.1:1"));
    }

    private static String includes(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append("<esi:include src=\"/f/").append(i).append("\"/>");
        }
        return b.append(']').toString();
    }

    private static String text(Answer a) {
        return new String(a.body(), StandardCharsets.UTF_8);
    }

    @Test
    void fragmentsStopBeingReadAndFetchedOnceThePageWouldPassMaxBytes() throws InterruptedException {
        // 1 MiB for the page, 2 fetches at once, ten fragments of 400,000 bytes: a slot frees
        // only when a fragment is read whole, and no three fit (1,200,000 > 1,048,576), so at
        // most two slots free: at most four fragments are asked for, the six after never
        long max = 1_048_576;
        Scripted fragments = new Scripted((s, u) -> s.ok(400_000));
        Answer a = assemble(limits(max, 2), fragments, includes(10));

        assertEquals(502, a.status(), text(a));
        assertTrue(text(a).contains("larger than gatecache.esi.max-bytes (1048576)"), text(a));
        int asked = fragments.opened.size();
        assertTrue(asked >= 3 && asked <= 4, "fetched: " + fragments.opened);
        assertEquals(2, fragments.mostAtOnce.get());
        // read: the page's bytes, and at most one array of each fragment being read when it was refused
        assertTrue(fragments.delivered.get() <= max + 2 * FragmentReader.ARRAY, "read " + fragments.delivered.get());
        assertTrue(fragments.closedExactly(asked), "every fetched body closed: " + fragments.closed.get());
    }

    @Test
    void aStreamedFragmentIsBoundWhileItIsRead() throws InterruptedException {
        // one fragment that never ends: it is read up to the bound, no further, then closed
        long max = 1_048_576;
        Scripted endless = new Scripted((s, u) -> s.ok(-1));
        Answer a = assemble(limits(max, 6), endless, "[<esi:include src=\"/f/endless\"/>]");

        assertEquals(502, a.status(), text(a));
        assertTrue(text(a).contains("max-bytes"), text(a));
        assertTrue(endless.delivered.get() <= max + FragmentReader.ARRAY, "read " + endless.delivered.get());
        assertTrue(endless.delivered.get() >= max - 2, "read up to the bound: " + endless.delivered.get());
        assertTrue(endless.closedExactly(1));
    }

    @Test
    void aDeclaredLengthPastTheRoomLeftIsNotReadAtAll() throws InterruptedException {
        Scripted declared = new Scripted((s, u) -> s.ok(2_000_000, "Content-Length", "2000000"));
        Answer a = assemble(limits(1_048_576, 6), declared, "[<esi:include src=\"/f/big\" onerror=\"continue\"/>]");

        assertEquals(502, a.status(), "too large fails the page, onerror=continue or not: " + text(a));
        assertEquals(0, declared.delivered.get());
        assertTrue(declared.closedExactly(1));
    }

    @Test
    void aPageOfExactlyMaxBytesIsAssembledAndOneByteMoreIsNot() {
        // text "[" and "]" (2 bytes) and two fragments: 2 + 499 + 499 = 1000 fits; 2 + 500 + 499 does not
        Scripted fits = new Scripted((s, u) -> s.ok(499));
        Answer a = assemble(limits(1000, 6), fits, includes(2));
        assertEquals(200, a.status(), text(a));
        assertEquals(1000, a.contentLength());
        assertEquals(1000, a.body().length);
        assertEquals(2, statistics.esiFragmentsFetched(), "each fragment fetched counted");
        assertEquals(0, statistics.esiFragmentsFailed());

        Scripted over = new Scripted((s, u) -> s.ok(u.getPath().endsWith("/0") ? 500 : 499));
        assertEquals(502, assemble(limits(1000, 6), over, includes(2)).status());
    }

    @Test
    void storedFragmentsCountAgainstThePageToo() {
        CacheEngine engine = new CacheEngine(TestSettings.settings(limits(1000, 6)), store, clock, "");
        Exchange ex = engine.begin("GET", ORIGIN, 80, "/f/stored", null, Headers.EMPTY::get);
        Headers fields = Headers.of("Cache-Control", "public, s-maxage=600");
        engine.respond(ex, 200, fields, false, false);
        engine.complete(ex, 200, fields, "s".repeat(600).getBytes(StandardCharsets.UTF_8), Set.of());
        engine.release(ex);
        Scripted nothing = new Scripted((s, u) -> {
            throw new AssertionError("a fresh stored fragment is not fetched: " + u);
        });

        assertEquals(200, assemble(limits(1000, 6), nothing, "[<esi:include src=\"/f/stored\"/>]").status());
        assertEquals(1, statistics.esiFragmentsStored(), "answered from the store, counted");
        assertEquals(0, statistics.esiFragmentsFetched());
        Answer twice = assemble(limits(1000, 6), nothing,
                "[<esi:include src=\"/f/stored\"/><esi:include src=\"/f/stored\"/>]");
        assertEquals(502, twice.status());
        assertTrue(text(twice).contains("max-bytes"), text(twice));
    }

    @Test
    void onlySoManyFragmentsOfAPageAreFetchedAtOnceAndThePageKeepsItsOrder() throws Exception {
        Scripted held = new Scripted((s, u) -> null); // every answer given by the test
        Future<Answer> page = threads.submit(() -> assemble(limits(1_048_576, 3), held, includes(8)));

        List<Asked> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Asked a = held.asked.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(a, "request " + i);
            first.add(a);
        }
        // no fetch ends, so no fourth can start: the next one waits for a slot
        assertEquals(3, held.opened.size(), "asked: " + held.opened);
        assertNull(held.asked.peek());
        // answered last to first: each answer frees a slot for the next include, in order
        java.util.ArrayDeque<Asked> going = new java.util.ArrayDeque<>();
        for (int i = 2; i >= 0; i--) {
            Asked a = first.get(i);
            a.answer().complete(held.text("(" + a.url().getPath() + ")"));
            Asked next = held.asked.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(next, "a slot freed by " + a.url());
            assertEquals("/f/" + (5 - i), next.url().getPath());
            going.add(next);
        }
        int asked = 6;
        while (!going.isEmpty()) {
            Asked a = going.poll();
            a.answer().complete(held.text("(" + a.url().getPath() + ")"));
            if (asked < 8) {
                Asked next = held.asked.poll(WAIT, TimeUnit.SECONDS);
                assertNotNull(next, "request " + asked++);
                going.add(next);
            }
        }
        Answer a = page.get(WAIT, TimeUnit.SECONDS);
        assertEquals(200, a.status(), text(a));
        assertEquals("[(/f/0)(/f/1)(/f/2)(/f/3)(/f/4)(/f/5)(/f/6)(/f/7)]", text(a));
        assertEquals(3, held.mostAtOnce.get(), "never more than three at once");
        assertTrue(held.closedExactly(8));
    }

    @Test
    void aPageThatFailsClosesTheFetchesStillGoingAndStartsNoMore() throws Exception {
        // the first include fails (no onerror="continue"), the second never sends a byte, the
        // others wait for a slot: the failure answers the page at once, closes the second and
        // asks for none of the others
        Map<String, Stalled> stalled = new java.util.concurrent.ConcurrentHashMap<>();
        Scripted fragments = new Scripted((s, u) -> u.getPath().equals("/f/0") ? s.status(404)
                : new OriginClient.Streamed(200, List.of(), stalled.computeIfAbsent(u.getPath(), p -> new Stalled()), null));
        Answer a = assemble(limits(1_048_576, 2), fragments, includes(5));

        assertEquals(502, a.status());
        assertTrue(text(a).contains("/f/0 failed: status 404"), text(a));
        // the slot /f/0 freed went to /f/2 before the page saw the failure; /f/3 and /f/4 waited for one
        assertEquals(List.of("/f/0", "/f/1", "/f/2"), fragments.opened.stream().map(URI::getPath).toList());
        for (String p : List.of("/f/1", "/f/2")) {
            assertTrue(stalled.get(p).closed.await(WAIT, TimeUnit.SECONDS), p + " is closed");
        }
    }
}
