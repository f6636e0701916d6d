package io.gatecache.core;

import static io.gatecache.core.Fixtures.NOW;
import static io.gatecache.core.Fixtures.SECOND;
import static io.gatecache.core.Fixtures.date;
import static io.gatecache.core.Fixtures.get;
import static io.gatecache.core.Fixtures.request;
import static io.gatecache.core.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatecache.core.ByteRanges.Kind;
import io.gatecache.core.ByteRanges.Selection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §14: Range requests answered from a complete stored 200. */
class ByteRangesTest {

    private static final StoredResponse STORED = response(NOW, "Date", date(NOW), "ETag", "\"v1\"",
            "Last-Modified", date(NOW - 60 * SECOND));
    private static final long LENGTH = 11; // "01234567890"

    private static Selection select(String range) {
        return ByteRanges.select(get("Range", range), STORED, LENGTH);
    }

    private static void assertPartial(long first, long last, Selection s) {
        assertEquals(Kind.PARTIAL, s.kind());
        assertEquals(first, s.first());
        assertEquals(last, s.last());
        assertEquals("bytes " + first + "-" + last + "/" + LENGTH, s.contentRange());
    }

    @Test
    @Tag("MAY")
    void oneRangeSelectsItsBytes() {
        // §14.1.2: first-last inclusive, last clamped to the representation, open-ended, suffix
        assertPartial(0, 1, select("bytes=0-1"));
        assertPartial(1, 10, select("bytes=1-"));
        assertPartial(10, 10, select("bytes=-1"));
        assertPartial(5, 10, select("bytes=5-999"));
        assertPartial(0, 10, select("bytes=-999"));
        assertPartial(2, 3, select("Bytes=2-3"));
    }

    @Test
    @Tag("SHOULD")
    void noSatisfiableRangeIs416WithTheCompleteLength() {
        // §14.1.1 / §15.5.17: first-pos beyond the end, or a zero-length suffix; §14.2: a server
        // SHOULD answer 416, and §14.4 SHOULD send Content-Range with the complete length
        Selection s = select("bytes=11-20");
        assertEquals(Kind.UNSATISFIABLE, s.kind());
        assertEquals("bytes */11", s.contentRange());
        assertEquals(Kind.UNSATISFIABLE, select("bytes=-0").kind());
        assertEquals(Kind.UNSATISFIABLE, select("bytes=20-, 30-40").kind());
    }

    @ParameterizedTest
    @Tag("MAY")
    @ValueSource(strings = {"items=0-1", "bytes", "bytes=", "bytes=a-b", "bytes=5-2", "bytes=0-1;x", "bytes=--1",
            "bytes=0-1, 3-4", "bytes = 0-1", "bytes=0 - 1"})
    void otherUnitsInvalidSyntaxAndSeveralRangesGetTheWholeRepresentation(String range) {
        // §14.2: a server MAY ignore Range; invalid syntax is ignored; several ranges are not
        // answered as multipart/byteranges
        assertEquals(Kind.FULL, select(range).kind());
    }

    @Test
    @Tag("MUST")
    void onlyGetOfAStored200IsRanged() {
        // §14.2: Range is defined for GET only; a stored 404 is not a representation to slice
        assertEquals(Kind.FULL, ByteRanges.select(request("HEAD", "Range", "bytes=0-1"), STORED, LENGTH).kind());
        StoredResponse notFound = response(404, NOW, NOW, "Date", date(NOW));
        assertEquals(Kind.FULL, ByteRanges.select(get("Range", "bytes=0-1"), notFound, LENGTH).kind());
        assertEquals(Kind.FULL, ByteRanges.select(get(), STORED, LENGTH).kind());
        // an empty representation has no byte to select (RFC 9110 §14.1.1): the whole, empty 200
        assertEquals(Kind.FULL, ByteRanges.select(get("Range", "bytes=-5"), STORED, 0).kind());
    }

    @Test
    @Tag("MUST")
    void ifRangeNeedsAStrongMatch() {
        // §13.1.5: an entity-tag by strong comparison, or the exact Last-Modified when it is strong
        assertEquals(Kind.PARTIAL, ByteRanges.select(get("Range", "bytes=0-1", "If-Range", "\"v1\""), STORED, LENGTH).kind());
        assertEquals(Kind.FULL, ByteRanges.select(get("Range", "bytes=0-1", "If-Range", "\"v2\""), STORED, LENGTH).kind());
        assertEquals(Kind.FULL, ByteRanges.select(get("Range", "bytes=0-1", "If-Range", "W/\"v1\""), STORED, LENGTH).kind());
        assertEquals(Kind.PARTIAL, ByteRanges.select(get("Range", "bytes=0-1", "If-Range", date(NOW - 60 * SECOND)),
                STORED, LENGTH).kind());
        assertEquals(Kind.FULL, ByteRanges.select(get("Range", "bytes=0-1", "If-Range", date(NOW - 30 * SECOND)),
                STORED, LENGTH).kind());
        // a Last-Modified equal to Date is weak: no range on it
        StoredResponse weakDate = response(NOW, "Date", date(NOW), "Last-Modified", date(NOW));
        assertEquals(Kind.FULL, ByteRanges.select(get("Range", "bytes=0-1", "If-Range", date(NOW)), weakDate, LENGTH).kind());
    }
}
