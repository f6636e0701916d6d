package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 9110 §5.1 (case-insensitive names) and §5.3 (combining field lines). */
class HeadersTest {

    @Test
    void namesCompareCaseInsensitively() {
        // RFC 9110 §5.1: field names are case-insensitive
        Headers h = Headers.of("Cache-Control", "max-age=5");
        assertEquals("max-age=5", h.get("cache-control"));
        assertEquals("max-age=5", h.first("CACHE-CONTROL"));
        assertTrue(h.contains("Cache-control"));
        assertFalse(h.contains("Expires"));
    }

    @Test
    void getCombinesFieldLinesInOrderWithComma() {
        // RFC 9110 §5.3: lines combine to one value joined by ", " in the order received
        Headers h = Headers.of("Vary", "Accept", "ETag", "\"x\"", "vary", "Accept-Encoding");
        assertEquals("Accept, Accept-Encoding", h.get("Vary"));
        assertEquals("Accept", h.first("Vary"));
        assertEquals(List.of("Accept", "Accept-Encoding"), h.all("VARY"));
        assertNull(h.get("Age"));
        assertEquals(List.of(), h.all("Age"));
    }

    @Test
    void namesAreDistinctInFirstSeenSpelling() {
        Headers h = Headers.of("Vary", "a", "ETag", "\"x\"", "vary", "b");
        assertEquals(Set.of("Vary", "ETag"), h.names());
        assertEquals(List.of("Vary", "ETag"), List.copyOf(h.names()));
    }

    @Test
    void withoutRemovesEveryLineOfTheNamedFields() {
        Headers h = Headers.of("Set-Cookie", "a=1", "ETag", "\"x\"", "set-cookie", "b=2");
        Headers w = h.without("SET-COOKIE");
        assertEquals(1, w.size());
        assertEquals("ETag", w.name(0));
        assertEquals("\"x\"", w.value(0));
    }

    @Test
    void replacedByReplacesAllLinesOfReplacedFieldsAndKeepsOthers() {
        Headers stored = Headers.of("Cache-Control", "max-age=1", "ETag", "\"a\"", "cache-control", "public");
        Headers result = stored.replacedBy(Headers.of("Cache-Control", "max-age=60", "Age", "3"));
        assertEquals("max-age=60", result.get("Cache-Control"));
        assertEquals("\"a\"", result.get("ETag"));
        assertEquals("3", result.get("Age"));
        assertEquals(3, result.size());
    }

    @Test
    void withSetsSingleLine() {
        Headers h = Headers.of("Date", "x", "Date", "y").with("date", "z");
        assertEquals(List.of("z"), h.all("Date"));
    }

    @Test
    void builderSkipsNullNamesAndValuesAndEmptyBuildIsEmpty() {
        assertSame(Headers.EMPTY, Headers.builder().add("A", null).add(null, "v").build());
        // an odd trailing name without a value is ignored
        assertEquals(1, Headers.of("A", "1", "B").size());
    }
}
