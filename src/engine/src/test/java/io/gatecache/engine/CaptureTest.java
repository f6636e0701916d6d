package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheOptions;
import io.gatecache.testing.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The capture of an origin's response, without a server: every state it passes through, a body
 * past the limit, writes after the end, an error page before and after anything was sent, a
 * reset, and an end that comes from another thread while the application still writes.
 */
class CaptureTest {

    private static final String ORIGIN = "http://example.org";
    private static final long MAX_BYTES = 64;
    private final SettableClock clock = new SettableClock(1_000_000);
    private final MemoryResponseStore store = new MemoryResponseStore(clock, 16);
    private final CacheEngine engine = new CacheEngine(TestSettings.settings(new CacheOptions(0,
            List.of("Authorization", "Cookie"), false, false, 2, 60, 3600, false, true, MAX_BYTES), 10_000, false,
            true), store, clock, "");
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private Capture capture(String path, RecordingTarget client) {
        Exchange ex = engine.begin("GET", ORIGIN, 80, path, null, name -> null);
        return new Capture(engine, ex, client);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Capture capture, String s) throws IOException {
        byte[] b = bytes(s);
        capture.write(b, 0, b.length);
    }

    private Answer lookup(String path) {
        Exchange ex = engine.begin("GET", ORIGIN, 80, path, null, name -> null);
        return engine.fresh(ex);
    }

    @Test
    void aStorableResponseIsHeldUntilItsEndThenStoredAndSentWithItsLength() throws IOException {
        RecordingTarget client = new RecordingTarget("Cache-Control", "max-age=60");
        Capture capture = capture("/a", client);
        assertEquals(Capture.State.UNDECIDED, capture.state());

        write(capture, "hello ");
        assertEquals(Capture.State.CAPTURING, capture.state());
        write(capture, "world");
        assertEquals(0, client.sent.size(), "nothing reaches the client before the end");
        assertFalse(capture.committed(), "the application may still reset a held response");

        capture.finish();
        assertEquals(Capture.State.DONE, capture.state());
        assertEquals("hello world", client.sent.toString(StandardCharsets.UTF_8));
        assertEquals("11", client.field("Content-Length"));
        assertEquals("MISS", client.field("X-Cache"));
        Answer hit = lookup("/a");
        assertNotNull(hit, "stored");
        assertEquals("hello world", new String(hit.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aResponseThatMayNotBeStoredPassesThroughAsItIsWritten() throws IOException {
        RecordingTarget client = new RecordingTarget("Cache-Control", "no-store");
        Capture capture = capture("/b", client);

        write(capture, "first");
        assertEquals(Capture.State.PASSING, capture.state());
        assertEquals("first", client.sent.toString(StandardCharsets.UTF_8), "sent at once");
        capture.flush();
        assertTrue(capture.committed());

        capture.finish();
        assertEquals(Capture.State.DONE, capture.state());
        assertNull(lookup("/b"), "not stored");
    }

    @Test
    void aFlushDecidesAndSendsNothingOfAResponseBeingCaptured() throws IOException {
        RecordingTarget client = new RecordingTarget("Cache-Control", "max-age=60");
        Capture capture = capture("/flush", client);
        capture.flush();
        assertEquals(Capture.State.CAPTURING, capture.state());
        assertFalse(client.committed, "a captured response is sent when complete");
    }

    @Test
    void aBodyPastTheLimitStreamsThroughAndIsReportedNotStored() throws IOException {
        RecordingTarget client = new RecordingTarget("Cache-Control", "max-age=60");
        Capture capture = capture("/large", client);
        byte[] half = new byte[(int) MAX_BYTES / 2 + 1];
        Arrays.fill(half, (byte) 'x');

        capture.write(half, 0, half.length);
        assertEquals(Capture.State.CAPTURING, capture.state());
        capture.write(half, 0, half.length);
        assertEquals(Capture.State.PASSING, capture.state(), "given up once past max-entry-bytes");
        assertEquals(2 * half.length, client.sent.size(), "what was held, then the rest, sent in order");
        assertTrue(client.field("Cache-Status").contains("detail=\"larger than max-entry-bytes\""),
                client.field("Cache-Status"));

        capture.finish();
        assertEquals(Capture.State.DONE, capture.state());
        assertNull(lookup("/large"), "not stored");
    }

    @Test
    void writesAfterTheEndAreDropped() throws IOException {
        RecordingTarget client = new RecordingTarget("Cache-Control", "max-age=60");
        Capture capture = capture("/after", client);
        write(capture, "body");
        capture.finish();

        write(capture, " and more");
        capture.finish();
        assertEquals("body", client.sent.toString(StandardCharsets.UTF_8));
        assertEquals("body", new String(lookup("/after").body(), StandardCharsets.UTF_8), "stored once, as ended");
    }

    @Test
    void aResetBeforeAnythingIsSentStartsTheDecisionAgain() throws IOException {
        RecordingTarget client = new RecordingTarget("Cache-Control", "max-age=60");
        Capture capture = capture("/reset", client);
        write(capture, "draft");
        assertEquals(Capture.State.CAPTURING, capture.state());

        assertTrue(capture.reset());
        assertEquals(Capture.State.UNDECIDED, capture.state());
        client.fields.clear(); // the container resets the fields with it
        client.fields.add(Map.entry("Cache-Control", "private"));
        write(capture, "final");
        assertEquals(Capture.State.PASSING, capture.state(), "the new fields are judged afresh");
        capture.finish();
        assertEquals("final", client.sent.toString(StandardCharsets.UTF_8));
        assertNull(lookup("/reset"));
    }

    @Test
    void aResetAfterTheBodyWentOutChangesNothing() throws IOException {
        RecordingTarget client = new RecordingTarget("Cache-Control", "no-store");
        Capture capture = capture("/late-reset", client);
        write(capture, "out");
        assertFalse(capture.reset());
        assertEquals(Capture.State.PASSING, capture.state());
    }

    @Test
    void anErrorPageBeforeAnythingIsSentIsJudgedAfreshAndNeverStored() throws IOException {
        RecordingTarget client = new RecordingTarget("Cache-Control", "max-age=60");
        Capture capture = capture("/error-early", client);
        write(capture, "partial");
        assertEquals(Capture.State.CAPTURING, capture.state());

        client.status = 500;
        assertTrue(capture.toContainer(500), "no stale entry: the container writes its error page");
        assertEquals(Capture.State.DONE, capture.state());
        assertEquals(0, client.sent.size(), "what was held is dropped, not sent before the error page");
        write(capture, "more");
        assertEquals(0, client.sent.size(), "the container's page is its own");
        assertNull(lookup("/error-early"));
    }

    @Test
    void anErrorAfterTheResponseWentOutGoesToTheContainerAsItIs() throws IOException {
        RecordingTarget client = new RecordingTarget("Cache-Control", "no-store");
        Capture capture = capture("/error-late", client);
        write(capture, "sent");
        assertTrue(client.committed);

        assertTrue(capture.toContainer(500));
        assertEquals(Capture.State.DONE, capture.state());
        assertFalse(capture.replaceable(), "too late for an answer of the cache's");
    }

    @Test
    void aServerErrorIsReplacedByTheStaleEntryWithinStaleIfError() throws IOException {
        RecordingTarget first = new RecordingTarget("Cache-Control", "max-age=1");
        Capture stored = capture("/stale", first);
        write(stored, "old");
        stored.finish();
        clock.advance(5_000); // stale, within stale-if-error (60 s)

        RecordingTarget client = new RecordingTarget();
        client.status = 500;
        Exchange ex = engine.begin("GET", ORIGIN, 80, "/stale", null, name -> null);
        Capture capture = new Capture(engine, ex, client);
        write(capture, "error page");
        assertEquals(Capture.State.REPLACED, capture.state());
        assertTrue(capture.replaced());
        assertTrue(capture.committed(), "the application sees its response as sent");
        assertNotNull(client.answer);
        assertEquals("old", new String(client.answer.body(), StandardCharsets.UTF_8));

        write(capture, " dropped");
        capture.finish();
        assertEquals(Capture.State.REPLACED, capture.state());
        assertEquals(0, client.sent.size(), "the application's body never reaches the client");
    }

    @Test
    void theEndFromAnotherThreadWhileTheApplicationWritesIsAtomic() throws Exception {
        RecordingTarget client = new RecordingTarget("Cache-Control", "max-age=60");
        Capture capture = capture("/async", client);
        CountDownLatch writing = new CountDownLatch(1);
        Future<?> writer = pool.submit(() -> {
            byte[] b = {'a'};
            for (int i = 0; i < MAX_BYTES / 2; i++) {
                capture.write(b, 0, 1);
                if (i == 3) {
                    writing.countDown();
                }
            }
            return null;
        });
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        capture.finish(); // the container ends the response while the application still writes
        writer.get(10, TimeUnit.SECONDS);

        assertEquals(Capture.State.DONE, capture.state());
        byte[] sent = client.sent.toByteArray();
        assertTrue(sent.length >= 4, "what was written before the end is kept");
        Answer hit = lookup("/async");
        assertNotNull(hit);
        assertArrayEquals(sent, hit.body(), "stored exactly what was sent, nothing written after the end");
        assertEquals(String.valueOf(sent.length), client.field("Content-Length"));
    }
}
