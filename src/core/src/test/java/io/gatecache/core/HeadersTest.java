package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9110 §5.1 (case-insensitive names) and §5.3 (combining field lines). */
class HeadersTest {

    @Test
    @Tag("MUST")
    void namesAreCaseInsensitiveAndLinesCombineInOrder() {
        // RFC 9110 §5.1: names are case-insensitive; §5.3: lines combine joined by ", " in order received
        Headers h = Headers.of("Vary", "Accept", "ETag", "\"x\"", "vary", "Accept-Encoding");
        assertEquals("Accept, Accept-Encoding", h.get("VARY"));
        assertEquals("Accept", h.first("vary"));
        assertEquals(List.of("Accept", "Accept-Encoding"), h.all("Vary"));
        assertEquals(List.of("Vary", "ETag"), List.copyOf(h.names()));
        assertTrue(h.contains("etag"));
        assertNull(h.get("Age"));
        assertFalse(h.contains("Age"));
    }

    @Test
    void withoutAndReplacedByActOnEveryLineOfAField() {
        Headers stored = Headers.of("Cache-Control", "max-age=1", "ETag", "\"a\"", "cache-control", "public");
        Headers replaced = stored.replacedBy(Headers.of("Cache-Control", "max-age=60", "Age", "3"));
        assertEquals("max-age=60", replaced.get("Cache-Control"));
        assertEquals("\"a\"", replaced.get("ETag"));
        assertEquals("3", replaced.get("Age"));
        assertEquals(3, replaced.size());
        Headers without = stored.without("CACHE-CONTROL");
        assertEquals(1, without.size());
        assertEquals(List.of("z"), stored.with("cache-control", "z").all("Cache-Control"));
    }
}
