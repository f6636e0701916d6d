package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9111 §2 (the cache key is the target URI), RFC 3986 §6.2.2 (normalisation), RFC 9111 §4.4 (same origin). */
class CacheKeyTest {

    @Test
    @Tag("MAY")
    void onlyTheDefaultPortOfTheSchemeIsDroppedFromTheOrigin() {
        // RFC 9110 §4.2.3: an explicit default port is equivalent to none
        assertEquals("http://example.org", CacheKey.origin("http", "example.org", 80));
        assertEquals("https://example.org", CacheKey.origin("https", "example.org", 443));
        assertEquals("https://example.org", CacheKey.origin("https", "example.org", -1));
        assertEquals("http://example.org:443", CacheKey.origin("http", "example.org", 443));
        assertEquals("https://example.org:8443", CacheKey.origin("https", "Example.ORG", 8443));
        assertEquals("http://[::1]:8080", CacheKey.origin("HTTP", "::1", 8080));
    }

    @Test
    @Tag("MUST")
    void pathAndQueryAreCaseSensitiveAndAnEmptyPathIsSlash() {
        assertEquals("/A/b?X=1", CacheKey.of("/A/b", "X=1"));
        assertNotEquals(CacheKey.of("/a", null), CacheKey.of("/A", null));
        // RFC 9110 §4.2.3: an empty path is equivalent to "/"; an empty query is omitted
        assertEquals("/", CacheKey.of("", ""));
        assertEquals("/", CacheKey.of(null, null));
    }

    @Test
    @Tag("MAY")
    void unreservedPercentEncodingsAreDecodedAndOthersUpperCased() {
        // RFC 3986 §6.2.2.2: %7E is "~", %62 is "b"; %2f stays encoded (a reserved "/"), in upper case
        assertEquals("/a/~b", CacheKey.of("/a/%7eb", null));
        assertEquals(CacheKey.of("/a/b", null), CacheKey.of("/a/%62", null));
        assertEquals("/a%2Fb?q=a%20b", CacheKey.of("/a%2fb", "q=a%20b"));
        assertNotEquals(CacheKey.of("/a%2Fb", null), CacheKey.of("/a/b", null));
    }

    @Test
    @Tag("MAY")
    void dotSegmentsAreRemoved() {
        // RFC 3986 §5.2.4
        assertEquals("/a/c", CacheKey.of("/a/b/../c", null));
        assertEquals("/a/b/", CacheKey.of("/a/./b/.", null));
        assertEquals("/c", CacheKey.of("/../../c", null));
    }

    @Test
    @Tag("MAY")
    void relativeLocationResolvesAgainstTheRequest() {
        // RFC 9111 §4.4: Location / Content-Location are resolved against the target URI
        String origin = "https://example.org";
        assertEquals("/a/c?y=2", CacheKey.resolveSameOrigin(origin, "/a/b?x=1", "c?y=2"));
        assertEquals("/x", CacheKey.resolveSameOrigin(origin, "/a/b?x=1", " /x "));
        assertEquals("/c", CacheKey.resolveSameOrigin(origin, "/a/b/", "../../c"));
        // an absolute same-origin reference, despite case and an explicit default port
        assertEquals("/x", CacheKey.resolveSameOrigin(origin, "/a", "HTTPS://Example.org:443/x"));
        assertEquals("/x", CacheKey.resolveSameOrigin("http://example.org:8080", "/a", "//EXAMPLE.org:8080/x"));
    }

    @ParameterizedTest
    @Tag("MUST")
    @ValueSource(strings = {"https://other.org/x", "http://example.org/x", "https://example.org:8443/x",
            "//other.org/x", "mailto:a@example.org"})
    void otherOriginIsNotInvalidated(String reference) {
        // RFC 9111 §4.4: a cache MUST NOT invalidate a URI from another origin
        assertNull(CacheKey.resolveSameOrigin("https://example.org", "/a", reference));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "http://exa mple.org/", "/a b"})
    void blankOrUnparseableReferenceIsIgnored(String reference) {
        assertNull(CacheKey.resolveSameOrigin("https://example.org", "/a", reference));
    }

    @Test
    void anOriginsHostAndPortAreReadInOneSpelling() {
        assertEquals("example.org", CacheKey.host(CacheKey.origin("HTTP", "Example.ORG", 80)));
        assertEquals(-1, CacheKey.port(CacheKey.origin("http", "example.org", 80)));
        assertEquals(8080, CacheKey.port(CacheKey.origin("http", "example.org", 8080)));
        assertEquals("0:0:0:0:0:0:0:1", CacheKey.host(CacheKey.origin("http", "::1", 8080)));
        assertEquals(8080, CacheKey.port(CacheKey.origin("http", "[::1]", 8080)));
        assertEquals("0:0:0:0:0:0:0:1", CacheKey.normaliseHost("[0::1]"));
        assertEquals("2001:db8:0:0:0:0:0:1", CacheKey.normaliseHost("2001:DB8::1"));
        assertEquals("example.org", CacheKey.normaliseHost("Example.org."));
    }
}
