package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.downstream.TagField;
import io.gatecache.engine.downstream.DownstreamTags;
import io.gatecache.testing.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tags out: a response's tags go to the proxy in front in the configured field, on a miss and on
 * a hit alike, the seeds' X-Location-Id among them; a field past its maximum is cut at a tag
 * boundary, the shared max-age downstream lowered, one warning logged a minute per path, and
 * each cut counted; the entry keeps every tag.
 */
class DownstreamTagsTest {

    private static final String ORIGIN = "http://example.org";
    private final SettableClock clock = new SettableClock(1_000_000);
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Logger log = Logger.getLogger(DownstreamTags.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(handler);
    }

    private CacheEngine engine(String field, int maxLength) {
        Settings.Downstream d = Settings.Downstream.NONE;
        return new CacheEngine(TestSettings.settings(new Settings.Downstream(TagField.of(field, maxLength), 300,
                d.servers(), d.calls(), false, d.queue(), d.retries(), d.timeoutMillis())),
                new MemoryResponseStore(clock, 16), clock, "");
    }

    /** A miss of the path, its tags given in the fields named, as name, value… */
    private static RecordingTarget miss(CacheEngine engine, String path, String... tagFields) throws IOException {
        RecordingTarget client = new RecordingTarget("Cache-Control", "public, s-maxage=3600");
        Capture capture = new Capture(engine, engine.begin("GET", ORIGIN, 80, path, null, name -> null), client);
        for (int i = 0; i < tagFields.length; i += 2) {
            capture.tags().add(tagFields[i], tagFields[i + 1]);
        }
        byte[] body = "page".getBytes(StandardCharsets.UTF_8);
        capture.write(body, 0, body.length);
        capture.finish();
        assertEquals("MISS", client.field("X-Cache"));
        return client;
    }

    private static Map<String, String> hit(CacheEngine engine, String path) {
        Answer a = engine.fresh(engine.begin("GET", ORIGIN, 80, path, null, name -> null));
        Map<String, String> fields = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        a.forEachField(fields::put);
        assertEquals("HIT", fields.get("X-Cache"));
        return fields;
    }

    @Test
    void theTagsGoInTheConfiguredFieldOnAMissAndAHitWithTheLocationIdsAsLocationTags() throws IOException {
        CacheEngine engine = engine("xkey", 0);
        RecordingTarget miss = miss(engine, "/site/location/22", "X-Cache-Tags", "c55,l22", "X-Location-Id", "20, 22");
        assertEquals("c55 l22 l20", miss.field("xkey"));
        assertNull(miss.field("X-Cache-Tags"), "the application's own field is held back");
        assertNull(miss.field("X-Location-Id"), "and so is X-Location-Id");
        assertEquals("public, s-maxage=3600", miss.field("Cache-Control"));
        Map<String, String> hit = hit(engine, "/site/location/22");
        assertEquals("c55 l22 l20", hit.get("xkey"));
        assertNull(hit.get("X-Location-Id"));
        engine.purger().purgeTags(List.of("l20"), false);
        assertNull(engine.fresh(engine.begin("GET", ORIGIN, 80, "/site/location/22", null, name -> null)),
                "location 20 (from X-Location-Id) is one of the entry's tags");
    }

    @Test
    void aResponseBegunBeforeAPurgeOfItsUrlIsSentStaleForSharedCaches() throws IOException {
        CacheEngine engine = engine("xkey", 0);
        RecordingTarget client = new RecordingTarget("Cache-Control", "public, s-maxage=3600");
        Capture capture = new Capture(engine, engine.begin("GET", ORIGIN, 80, "/raced", null, name -> null), client);
        clock.advance(1);
        engine.purger().purgeUrl("/raced"); // lands while the response is being built
        capture.write(new byte[] {'x'}, 0, 1);
        capture.finish();
        assertEquals("public, s-maxage=0", client.field("Cache-Control"),
                "a proxy in front whose fetch was under way must not keep it");
        assertNull(engine.fresh(engine.begin("GET", ORIGIN, 80, "/raced", null, name -> null)), "nor is it stored here");
    }

    @Test
    void warningsAreKeyedByPathWithoutTheQueryAndTenAMinuteAtMost() throws IOException {
        CacheEngine engine = engine("X-Cache-Tags", 3);
        for (int i = 0; i < 5; i++) {
            miss(engine, "/same?x=" + i, "xkey", "aaa bbb");
        }
        assertEquals(1, warnings.size(), "one path, whatever its query");
        for (int i = 0; i < 20; i++) {
            miss(engine, "/page" + i, "xkey", "aaa bbb");
        }
        assertEquals(10, warnings.size(), "ten a minute in all");
        assertEquals(25, engine.downstreamCounters().tagFieldsCut(), "every cut counted");
        clock.advance(61_000);
        miss(engine, "/later", "xkey", "aaa bbb");
        assertTrue(warnings.get(10).getMessage().contains("11 more cuts elsewhere were not logged"),
                warnings.get(10).getMessage());
    }

    @Test
    void withoutAFieldTheTagsStayHere() throws IOException {
        CacheEngine engine = engine("none", 0);
        RecordingTarget miss = miss(engine, "/a", "xkey", "c55");
        assertNull(miss.field("xkey"));
        assertNull(hit(engine, "/a").get("xkey"));
    }

    @Test
    void aFieldPastItsMaximumIsCutTheSharedMaxAgeLoweredAndOneWarningLoggedAMinute() throws IOException {
        CacheEngine engine = engine("X-Cache-Tags", 11);
        RecordingTarget miss = miss(engine, "/long", "xkey", "aaa bbb ccc ddd");
        assertEquals("aaa,bbb,ccc", miss.field("X-Cache-Tags"), "cut at a tag boundary");
        assertEquals("public, s-maxage=300", miss.field("Cache-Control"));
        Map<String, String> hit = hit(engine, "/long");
        assertEquals("aaa,bbb,ccc", hit.get("X-Cache-Tags"));
        assertEquals("public, s-maxage=300", hit.get("Cache-Control"));
        assertEquals(2, engine.downstreamCounters().tagFieldsCut(), "each cut counted");
        assertEquals(1, warnings.size(), "one warning a minute for the path");
        assertTrue(warnings.get(0).getMessage().contains("/long"), warnings.get(0).getMessage());

        clock.advance(61_000);
        hit(engine, "/long");
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(1).getMessage().contains("2 times since the last warning"), warnings.get(1).getMessage());

        engine.purger().purgeTags(List.of("ddd"), false);
        assertNull(engine.fresh(engine.begin("GET", ORIGIN, 80, "/long", null, name -> null)),
                "the entry here keeps the tag left out of the field");
    }
}
