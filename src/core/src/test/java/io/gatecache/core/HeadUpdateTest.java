package io.gatecache.core;

import static io.gatecache.core.Fixtures.DAY;
import static io.gatecache.core.Fixtures.NOW;
import static io.gatecache.core.Fixtures.date;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9111 §4.3.5: which stored GET a 200 to a HEAD request describes (and so freshens). */
class HeadUpdateTest {

    private static StoredResponse stored(String etag) {
        return new StoredResponse(200, Headers.of("Date", date(NOW), "ETag", etag, "Last-Modified", date(NOW - DAY)),
                "twelve bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII), NOW, NOW, Headers.EMPTY);
    }

    @Test
    @Tag("SHOULD")
    void aStrongETagMustMatchStrongly() {
        assertTrue(stored("\"v1\"").describedBy(Headers.of("ETag", "\"v1\"")));
        assertFalse(stored("\"v1\"").describedBy(Headers.of("ETag", "\"v2\"")));
        assertFalse(stored("W/\"v1\"").describedBy(Headers.of("ETag", "\"v1\"")));
        // a weak one weakly
        assertTrue(stored("\"v1\"").describedBy(Headers.of("ETag", "W/\"v1\"")));
        // an ETag where the stored response has none does not describe it
        StoredResponse untagged = new StoredResponse(200, Headers.of("Date", date(NOW)), new byte[0], NOW, NOW,
                Headers.EMPTY);
        assertFalse(untagged.describedBy(Headers.of("ETag", "\"v1\"")));
    }

    @Test
    @Tag("SHOULD")
    void lastModifiedAndContentLengthMustBeTheStoredOnes() {
        assertTrue(stored("\"v1\"").describedBy(Headers.of("Last-Modified", date(NOW - DAY), "Content-Length", "12")));
        assertFalse(stored("\"v1\"").describedBy(Headers.of("Last-Modified", date(NOW))));
        assertFalse(stored("\"v1\"").describedBy(Headers.of("Content-Length", "13")));
        assertFalse(stored("\"v1\"").describedBy(Headers.of("Last-Modified", "yesterday")));
        // a HEAD without validators or length describes it
        assertTrue(stored("\"v1\"").describedBy(Headers.of("Cache-Control", "max-age=60")));
    }
}
