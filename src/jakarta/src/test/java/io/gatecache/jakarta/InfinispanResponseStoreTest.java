package io.gatecache.jakarta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store against a real embedded Infinispan started from the shipped configuration. */
class InfinispanResponseStoreTest {

    private static final String KEY = "http://example.org/a";
    private InfinispanResponseStore store;

    @BeforeEach
    void start() {
        store = InfinispanResponseStore.start("gatecache/infinispan-local.xml", "gatecache-responses",
                new Statistics(), 16);
    }

    @AfterEach
    void stop() {
        store.stop();
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
        store.put(KEY, response("hello", null, null), 60_000);
        List<StoredResponse> got = store.get(KEY);
        assertEquals(1, got.size());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), got.get(0).body());
        assertEquals(1, store.size());
    }

    @Test
    void aVariantReplacesOnlyTheVariantWithTheSameKey() {
        store.put(KEY, response("en-1", "Accept-Language", "en"), 60_000);
        store.put(KEY, response("fr", "Accept-Language", "fr"), 60_000);
        store.put(KEY, response("en-2", "Accept-Language", "en"), 60_000);
        List<StoredResponse> got = store.get(KEY);
        assertEquals(2, got.size());
        assertEquals("en-2", new String(got.get(0).body(), StandardCharsets.UTF_8));
        assertEquals("fr", new String(got.get(1).body(), StandardCharsets.UTF_8));
    }

    @Test
    void removeDropsEveryVariant() {
        store.put(KEY, response("x", null, null), 60_000);
        assertTrue(store.remove(KEY));
        assertTrue(store.get(KEY).isEmpty());
        assertFalse(store.remove(KEY));
    }

    @Test
    void aStoppedStoreReadsAsEmptyAndDropsWrites() {
        store.put(KEY, response("x", null, null), 60_000);
        store.stop();
        assertTrue(store.get(KEY).isEmpty());
        store.put(KEY, response("y", null, null), 60_000);
        assertFalse(store.remove(KEY));
    }

    @Test
    void theObjectStoreConfigurationStoresAndReadsToo() {
        InfinispanResponseStore objects = InfinispanResponseStore.start("gatecache/infinispan-local-objects.xml",
                "gatecache-responses", new Statistics(), 16);
        try {
            objects.put(KEY, response("kept as an object", null, null), 60_000);
            assertEquals("kept as an object", new String(objects.get(KEY).get(0).body(), StandardCharsets.UTF_8));
        } finally {
            objects.stop();
        }
    }

    @Test
    void aMissingConfigurationFailsWithItsName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InfinispanResponseStore.start("nowhere.xml", "c", new Statistics(), 16));
        assertTrue(e.getMessage().contains("nowhere.xml"), e.getMessage());
    }

    @Test
    void entriesRoundTripThroughTheProtoStreamSchema() throws Exception {
        SerializationContext ctx = ProtobufUtil.newSerializationContext();
        GatecacheSchema schema = new GatecacheSchemaImpl();
        schema.registerSchema(ctx);
        schema.registerMarshallers(ctx);
        VariantList list = new VariantList(List.of(response("body", "Accept-Language", "de")));
        VariantList back = (VariantList) ProtobufUtil.fromWrappedByteArray(ctx, ProtobufUtil.toWrappedByteArray(ctx, list));
        StoredResponse r = back.getVariants().get(0);
        assertEquals(200, r.status());
        assertEquals("max-age=60", r.headers().get("Cache-Control"));
        assertEquals("Accept-Language", r.headers().get("Vary"));
        assertEquals("de", r.variantKey().first("accept-language"));
        assertEquals(1000, r.requestTime());
        assertEquals(1100, r.responseTime());
        assertArrayEquals("body".getBytes(StandardCharsets.UTF_8), r.body());
    }
}
