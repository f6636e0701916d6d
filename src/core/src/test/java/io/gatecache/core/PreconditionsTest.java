package io.gatecache.core;

import static io.gatecache.core.Fixtures.DAY;
import static io.gatecache.core.Fixtures.HOUR;
import static io.gatecache.core.Fixtures.NOW;
import static io.gatecache.core.Fixtures.SECOND;
import static io.gatecache.core.Fixtures.date;
import static io.gatecache.core.Fixtures.get;
import static io.gatecache.core.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9111 §4.3.2 and RFC 9110 §13.1.2, §13.1.3, §13.2.2: answering a client's conditional GET from the store. */
class PreconditionsTest {

    private static StoredResponse stored(String... headers) {
        return Fixtures.response(NOW, headers);
    }

    private static final StoredResponse WITH_ETAG = stored("Date", date(NOW), "ETag", "\"v1\"",
            "Last-Modified", date(NOW - DAY));

    @Test
    @Tag("MUST")
    void ifNoneMatchUsesWeakComparison() {
        // RFC 9110 §13.1.2: a recipient MUST use the weak comparison function
        assertTrue(Preconditions.notModified(get("If-None-Match", "W/\"v1\""), WITH_ETAG));
        StoredResponse weak = stored("ETag", "W/\"v1\"");
        assertTrue(Preconditions.notModified(get("If-None-Match", "\"v1\""), weak));
        // any member of the list may match
        assertTrue(Preconditions.notModified(get("If-None-Match", "\"v0\", \"v1\""), WITH_ETAG));
    }

    @Test
    @Tag("MAY")
    void aMalformedETagMatchesTheSameValueSentBack() {
        // not entity-tags by RFC 9110 §8.8.3, but the client holds what the cache holds
        assertTrue(Preconditions.notModified(get("If-None-Match", "W\"abc\""), stored("ETag", "W\"abc\"")));
        assertTrue(Preconditions.notModified(get("If-None-Match", "W\\\"abc\""), stored("ETag", "W\\\"abc\"")));
        assertFalse(Preconditions.notModified(get("If-None-Match", "W\"abd\""), stored("ETag", "W\"abc\"")));
        // non-ASCII opaque-tag characters (obs-text) compare as they are
        assertTrue(Preconditions.notModified(get("If-None-Match", "\"abc\u00fc\""), stored("ETag", "\"abc\u00fc\"")));
    }

    @Test
    @Tag("MUST")
    void ifNoneMatchWithoutAMatchingTagIsModified() {
        assertFalse(Preconditions.notModified(get("If-None-Match", "\"v2\", W/\"v3\""), WITH_ETAG));
        StoredResponse noTag = stored("Last-Modified", date(NOW - DAY));
        assertFalse(Preconditions.notModified(get("If-None-Match", "\"v1\""), noTag));
    }

    @Test
    @Tag("MUST")
    void ifNoneMatchStarMatchesAnyStoredRepresentationWithOrWithoutETag() {
        // RFC 9110 §13.1.2: "*" is false (304 for GET) when a current representation exists; it compares
        // no tags, so a stored 200 without ETag is a current representation too
        assertTrue(Preconditions.notModified(get("If-None-Match", "*"), WITH_ETAG));
        StoredResponse noTag = stored("Date", date(NOW), "Last-Modified", date(NOW - DAY));
        assertTrue(Preconditions.notModified(get("If-None-Match", "*"), noTag));
    }

    @Test
    @Tag("MUST")
    void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
        // RFC 9110 §13.1.3: a recipient MUST ignore If-Modified-Since when If-None-Match is present.
        // IMS = NOW is after Last-Modified (NOW - 1 day) and alone would give 304, but the tag differs.
        CacheRequest r = get("If-None-Match", "\"other\"", "If-Modified-Since", date(NOW));
        assertFalse(Preconditions.notModified(r, WITH_ETAG));
    }

    @Test
    @Tag("MUST")
    void ifModifiedSinceAtOrAfterLastModifiedIsNotModified() {
        // RFC 9110 §13.1.3: false (304) when last modification is earlier than or equal to the date
        assertTrue(Preconditions.notModified(get("If-Modified-Since", date(NOW - DAY)), WITH_ETAG));
        assertTrue(Preconditions.notModified(get("If-Modified-Since", date(NOW - DAY + SECOND)), WITH_ETAG));
        // Last-Modified NOW - 1 day is one second after IMS NOW - 1 day - 1 s: modified
        assertFalse(Preconditions.notModified(get("If-Modified-Since", date(NOW - DAY - SECOND)), WITH_ETAG));
    }

    @Test
    @Tag("SHOULD")
    void ifModifiedSinceFallsBackToDateThenTimeReceived() {
        // RFC 9111 §4.3.2: use Last-Modified, else Date, else the time received; here Date = NOW - 1 h
        StoredResponse r = stored("Date", date(NOW - HOUR), "ETag", "\"v\"");
        assertTrue(Preconditions.notModified(get("If-Modified-Since", date(NOW - HOUR)), r));
        assertFalse(Preconditions.notModified(get("If-Modified-Since", date(NOW - 2 * HOUR)), r));
        // lacking Last-Modified and Date, the time the response was received (NOW)
        StoredResponse neither = stored("Cache-Control", "max-age=60");
        assertTrue(Preconditions.notModified(get("If-Modified-Since", date(NOW)), neither));
        assertFalse(Preconditions.notModified(get("If-Modified-Since", date(NOW - SECOND)), neither));
    }

    @Test
    @Tag("MUST")
    void invalidIfModifiedSinceIsIgnored() {
        // RFC 9110 §13.1.3: a recipient MUST ignore an IMS that is not a valid HTTP-date
        assertFalse(Preconditions.notModified(get("If-Modified-Since", "yesterday"), WITH_ETAG));
        // two members (two field lines) are not a valid HTTP-date either
        CacheRequest twoLines = get("If-Modified-Since", date(NOW), "If-Modified-Since", date(NOW));
        assertFalse(Preconditions.notModified(twoLines, WITH_ETAG));
    }

    @Test
    @Tag("MUST")
    void onlyAStored200AnswersA304ToGetOrHead() {
        // documented: only a stored 200 is answered with 304
        StoredResponse notFound = new StoredResponse(404, Headers.of("ETag", "\"v1\""), null, NOW, NOW, null);
        assertFalse(Preconditions.notModified(get("If-None-Match", "\"v1\""), notFound));
        // RFC 9110 §13.1.3: IMS only applies to GET and HEAD; 304 is only for GET/HEAD (§13.2.2)
        assertFalse(Preconditions.notModified(request("POST", "If-None-Match", "\"v1\""), WITH_ETAG));
        assertTrue(Preconditions.notModified(request("HEAD", "If-None-Match", "\"v1\""), WITH_ETAG));
        assertFalse(Preconditions.notModified(get(), WITH_ETAG)); // unconditional
    }
}
