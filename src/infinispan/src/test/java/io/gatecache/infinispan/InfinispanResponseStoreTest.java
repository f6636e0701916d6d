package io.gatecache.infinispan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.purge.Ban;
import io.gatecache.spi.ResponseStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store against a real embedded Infinispan started from the shipped configuration. */
class InfinispanResponseStoreTest {

    private static final String KEY = "http://example.org/a";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC);
    private InfinispanResponseStore store;

    @BeforeEach
    void start() {
        store = InfinispanResponseStore.start("gatecache/infinispan-local.xml", "gatecache-responses",
                CLOCK, 16);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private static StoredResponse response(String body, String vary, String language) {
        Headers.Builder h = Headers.builder().add("Cache-Control", "max-age=60");
        Headers.Builder key = Headers.builder();
        if (vary != null) {
            h.add("Vary", vary);
            key.add("accept-language", language);
        }
        return new StoredResponse(200, h.build(), body.getBytes(StandardCharsets.UTF_8), 1000, 1100, key.build());
    }

    @Test
    void storedResponseIsReadBack() {
        store.put(KEY, response("hello", null, null), 0, 60_000);
        List<StoredResponse> got = store.get(KEY);
        assertEquals(1, got.size());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), got.get(0).body());
        assertEquals(1, store.size());
    }

    @Test
    void aVariantReplacesOnlyTheVariantWithTheSameKey() {
        store.put(KEY, response("en-1", "Accept-Language", "en"), 0, 60_000);
        store.put(KEY, response("fr", "Accept-Language", "fr"), 0, 60_000);
        store.put(KEY, response("en-2", "Accept-Language", "en"), 0, 60_000);
        List<StoredResponse> got = store.get(KEY);
        assertEquals(2, got.size());
        assertEquals("en-2", new String(got.get(0).body(), StandardCharsets.UTF_8));
        assertEquals("fr", new String(got.get(1).body(), StandardCharsets.UTF_8));
    }

    @Test
    void anInvalidationDropsEveryVariant() {
        store.put(KEY, response("x", null, null), 0, 60_000);
        assertTrue(store.invalidate(KEY, 2000));
        assertTrue(store.get(KEY).isEmpty());
        assertFalse(store.invalidate(KEY, 2001));
    }

    @Test
    void aResponseBegunBeforeAnInvalidationOfItsKeyIsNotStored() {
        store.invalidate(KEY, 2000);
        // request started at 1999, before the invalidation at 2000: refused, atomically with the key
        assertEquals(ResponseStore.PutOutcome.INVALIDATED, store.put(KEY, response("old", null, null), 1999, 60_000));
        assertEquals(ResponseStore.PutOutcome.INVALIDATED, store.put(KEY, response("same instant", null, null), 2000, 60_000));
        assertTrue(store.get(KEY).isEmpty());
        assertEquals(ResponseStore.PutOutcome.STORED, store.put(KEY, response("new", null, null), 2001, 60_000));
        assertEquals("new", new String(store.get(KEY).get(0).body(), StandardCharsets.UTF_8));
    }

    @Test
    void aTagInvalidationHidesTaggedEntriesBuiltBeforeItAndRefusesLateOnes() {
        StoredResponse tagged = new StoredResponse(200, Headers.of("Cache-Control", "max-age=60"), new byte[0],
                1000, 1100, Headers.EMPTY, -1, null, Set.of("c42"));
        assertEquals(ResponseStore.PutOutcome.STORED, store.put(KEY, tagged, 1000, 60_000));
        store.put("/other", response("untagged", null, null), 1000, 60_000);
        store.invalidateTags(Set.of("c42"), 3000, false);
        assertTrue(store.get(KEY).isEmpty(), "built at 1000, before the purge at 3000");
        assertEquals(1, store.get("/other").size(), "an entry without the tag is untouched");
        assertEquals(ResponseStore.PutOutcome.INVALIDATED, store.put(KEY, tagged, 2500, 60_000), "a request that started before the purge");
    }

    @Test
    void aSoftPurgeReturnsTaggedEntriesStaleFromItsInstant() {
        StoredResponse tagged = new StoredResponse(200, Headers.of("Cache-Control", "max-age=60"), new byte[0],
                1000, 1100, Headers.EMPTY, -1, null, Set.of("c42"));
        store.put(KEY, tagged, 1000, 60_000);
        store.invalidateTags(Set.of("c42"), 3000, true);
        assertEquals(3000, store.get(KEY).get(0).staleFrom());
        assertEquals(ResponseStore.PutOutcome.STORED, store.put(KEY, tagged, 1000, 60_000),
                "a soft purge refuses nothing: the entry is kept, stale");
    }

    @Test
    void aBanHidesMatchingEntriesOlderThanItAndSurvivesInTheInvalidationsCache() {
        store.put("/site/a", response("a", null, null), 1000, 60_000);
        store.put("/api/a", response("b", null, null), 1000, 60_000);
        store.ban(io.gatecache.core.purge.Ban.of("^/site/", null, null, 3000));
        assertTrue(store.get("/site/a").isEmpty());
        assertEquals(1, store.get("/api/a").size());
        assertEquals(ResponseStore.PutOutcome.INVALIDATED, store.put("/site/b", response("c", null, null), 2000, 60_000));
    }

    @Test
    void aClearRefusesResponsesBegunBeforeIt() {
        store.put(KEY, response("x", null, null), 0, 60_000);
        store.invalidateAll(3000);
        assertTrue(store.get(KEY).isEmpty());
        assertEquals(ResponseStore.PutOutcome.INVALIDATED, store.put(KEY, response("late", null, null), 2999, 60_000));
        assertEquals(ResponseStore.PutOutcome.STORED, store.put(KEY, response("after", null, null), 3001, 60_000));
    }

    @Test
    void aStoppedStoreReadsAsEmptyAndDropsWrites() {
        store.put(KEY, response("x", null, null), 0, 60_000);
        store.close();
        assertTrue(store.get(KEY).isEmpty());
        assertEquals(ResponseStore.PutOutcome.FAILED, store.put(KEY, response("y", null, null), 0, 60_000));
        assertFalse(store.invalidate(KEY, 1));
        assertTrue(store.failures() > 0);
    }

    @Test
    void theObjectStoreConfigurationStoresAndReadsToo() {
        InfinispanResponseStore objects = InfinispanResponseStore.start("gatecache/infinispan-local-objects.xml",
                "gatecache-responses", CLOCK, 16);
        try {
            objects.put(KEY, response("kept as an object", null, null), 0, 60_000);
            assertEquals("kept as an object", new String(objects.get(KEY).get(0).body(), StandardCharsets.UTF_8));
        } finally {
            objects.close();
        }
    }

    @Test
    void aMissingConfigurationFailsWithItsName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InfinispanResponseStore.start("nowhere.xml", "c", CLOCK, 16));
        assertTrue(e.getMessage().contains("nowhere.xml"), e.getMessage());
    }

    /** A value written and read back through the entry schema, as a clustered store sends it. */
    private static VariantList roundTrip(VariantList list) throws Exception {
        SerializationContext ctx = ProtobufUtil.newSerializationContext();
        GatecacheSchema schema = new GatecacheSchemaImpl();
        schema.registerSchema(ctx);
        schema.registerMarshallers(ctx);
        return (VariantList) ProtobufUtil.fromWrappedByteArray(ctx, ProtobufUtil.toWrappedByteArray(ctx, list));
    }

    @Test
    void entriesRoundTripThroughTheProtoStreamSchema() throws Exception {
        VariantList back = roundTrip(new VariantList(List.of(response("body", "Accept-Language", "de")), 77));
        StoredResponse r = back.getVariants().get(0);
        assertEquals(200, r.status());
        assertEquals("max-age=60", r.headers().get("Cache-Control"));
        assertEquals("Accept-Language", r.headers().get("Vary"));
        assertEquals("de", r.variantKey().first("accept-language"));
        assertEquals(1000, r.requestTime());
        assertEquals(1100, r.responseTime());
        assertArrayEquals("body".getBytes(StandardCharsets.UTF_8), r.body());
        assertEquals(77, back.getInvalidatedAt());
        assertEquals(java.util.Map.of("max-age", "60"), r.cacheControl().directives());
        assertEquals(1100, r.dateValue(), "no Date: the response time, as parsed when it came in");
    }

    @Test
    void anEntryIsReadBackWithTheValuesParsedWhenItCameInNotParsedAgain() throws Exception {
        // parsed values that differ from the header text: only a read that parses would see the text
        StoredResponse.Parsed parsed = new StoredResponse.Parsed(io.gatecache.core.CacheControl.parse("max-age=5"),
                4242, 7, StoredResponse.NO_EXPIRES, 99, new io.gatecache.core.EntityTag("x", true),
                io.gatecache.core.Vary.parse("Accept-Language"));
        StoredResponse in = new StoredResponse(200, Headers.of("Cache-Control", "max-age=60", "ETag", "\"y\""),
                new byte[0], 1000, 1100, Headers.EMPTY, -1, null, Set.of("t1"), parsed);
        VariantList back = roundTrip(new VariantList(List.of(in), VariantList.NEVER));
        StoredResponse r = back.getVariants().get(0);
        assertEquals(5, r.cacheControl().maxAge());
        assertEquals(4242, r.dateValue());
        assertEquals(7, r.ageValue());
        assertEquals(99, r.lastModified());
        assertEquals(new io.gatecache.core.EntityTag("x", true), r.etag().orElseThrow());
        assertEquals(List.of("accept-language"), r.vary().fields());
        assertEquals(List.of("t1"), r.tags());
        assertEquals(VariantList.NEVER, back.getInvalidatedAt());
    }

    @Test
    void theStoreCountsTheBytesItHoldsAndTheEntriesItEvicts() {
        assertEquals(0, store.bytes());
        store.put(KEY, response("x".repeat(10_000), null, null), 0, 60_000);
        long held = store.bytes();
        assertTrue(held >= 10_000, "the body's bytes, and more: " + held);
        assertEquals(0, store.evictions());
        store.invalidate(KEY, 6_000);
        assertTrue(store.bytes() < held, "less once removed: " + store.bytes());
        assertEquals(0, store.evictions(), "a removal is no eviction");

        InfinispanResponseStore small = InfinispanResponseStore.start("gatecache-test/infinispan-small.xml",
                "gatecache-responses", CLOCK, 16);
        try {
            for (int i = 0; i < 20; i++) {
                small.put(KEY + i, response("x".repeat(10_000), null, null), 0, 60_000);
            }
            long size = small.size();
            // the container makes room as it is written to (an entry it cannot make room for is
            // evicted as it is taken: NOT_KEPT), and tells its listeners as it does
            io.gatecache.testing.Poll.until(() -> small.evictions() + small.size() == 20,
                    java.time.Duration.ofSeconds(10), "every entry written either held or evicted");
            assertTrue(size < 20, "64 KB holds fewer than 20 entries of 10 KB: " + size);
            assertTrue(small.evictions() > 0, "evicted: " + small.evictions());
            assertTrue(small.bytes() > 0 && small.bytes() <= 64 * 1024, "within its bound: " + small.bytes());
        } finally {
            small.close();
        }
    }

    @Test
    void aStoreThatKeepsNothingDoesNotSayItStored() {
        InfinispanResponseStore tiny = InfinispanResponseStore.start("gatecache-test/infinispan-tiny.xml",
                "gatecache-responses", CLOCK, 16);
        try {
            assertEquals(ResponseStore.PutOutcome.NOT_KEPT, tiny.put(KEY, response("too big", null, null), 0, 60_000));
            assertTrue(tiny.get(KEY).isEmpty());
        } finally {
            tiny.close();
        }
    }

    @Test
    void aFailingStoreIsLoggedWithItsCauseAtMostOnceAMinuteAndItsProbeSaysItIsDown() {
        java.util.List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(InfinispanResponseStore.class.getName());
        log.addHandler(handler);
        long[] millis = {5_000};
        Clock stepping = new Clock() {
            @Override
            public long millis() {
                return millis[0];
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis[0]);
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        InfinispanResponseStore failing = InfinispanResponseStore.start("gatecache/infinispan-local.xml",
                "gatecache-responses", stepping, 16);
        try {
            assertTrue(failing.healthy());
            failing.close();
            for (int i = 0; i < 20; i++) {
                assertEquals(ResponseStore.PutOutcome.FAILED, failing.put(KEY, response("x", null, null), 0, 60_000));
            }
            // within one minute: one warning, with the cause; the other 19 are counted
            assertEquals(1, records.size(), records.toString());
            assertNotNull(records.get(0).getThrown());
            millis[0] += StoreFailures.REPORT_INTERVAL_MILLIS;
            failing.put(KEY, response("x", null, null), 0, 60_000);
            assertEquals(2, records.size(), "a minute later, one more");
            assertTrue(records.get(1).getMessage().contains("19 more times"), records.get(1).getMessage());
            assertFalse(failing.healthy(), "the health probe asks the store, which is down");
            assertEquals(22, failing.failures(), "21 writes and the probe");
        } finally {
            log.removeHandler(handler);
        }
    }
}
