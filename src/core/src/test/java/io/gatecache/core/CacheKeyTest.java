package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9111 §2 (the primary cache key is the target URI) and §4.4 (same-origin invalidation). */
class CacheKeyTest {

    @Test
    void onlyTheDefaultPortOfTheSchemeIsDropped() {
        // RFC 9110 §4.2.3: an explicit default port is equivalent to none
        assertEquals("http://example.org/a", CacheKey.of("http", "example.org", 80, "/a", null));
        assertEquals("https://example.org/a", CacheKey.of("https", "example.org", 443, "/a", null));
        assertEquals("https://example.org/a", CacheKey.of("https", "example.org", -1, "/a", null));
        // other ports are kept: 443 is not the default for http, nor 80 for https
        assertEquals("http://example.org:443/a", CacheKey.of("http", "example.org", 443, "/a", null));
        assertEquals("https://example.org:80/a", CacheKey.of("https", "example.org", 80, "/a", null));
        assertEquals("https://example.org:8443/a", CacheKey.of("https", "example.org", 8443, "/a", null));
    }

    @Test
    void schemeAndHostAreCaseInsensitiveButPathAndQueryAreNot() {
        // RFC 3986 §6.2.2.1: scheme and host are case-insensitive; path and query are not
        assertEquals("https://example.org/A/b?X=1", CacheKey.of("HTTPS", "Example.ORG", 443, "/A/b", "X=1"));
        assertNotEquals(CacheKey.of("https", "example.org", 443, "/a", null),
                CacheKey.of("https", "example.org", 443, "/A", null));
        // RFC 9110 §4.2.3: an empty path is equivalent to "/"; an empty query is omitted
        assertEquals("http://example.org/", CacheKey.of("http", "example.org", 80, "", ""));
        assertEquals("http://example.org/", CacheKey.of(null, "example.org", 80, null, null));
    }

    @Test
    void percentEncodingIsKeptByteForByte() {
        // documented: a different encoding is a different key
        assertEquals("http://example.org/a%2Fb?q=a%20b", CacheKey.of("http", "example.org", 80, "/a%2Fb", "q=a%20b"));
        assertNotEquals(CacheKey.of("http", "example.org", 80, "/a%2Fb", null),
                CacheKey.of("http", "example.org", 80, "/a/b", null));
    }

    @Test
    void relativeLocationResolvesAgainstTheRequestKey() {
        // RFC 9111 §4.4: Location / Content-Location are resolved against the target URI
        String base = "https://example.org/a/b?x=1";
        assertEquals("https://example.org/a/c?y=2", CacheKey.resolveSameOrigin(base, "c?y=2"));
        assertEquals("https://example.org/x", CacheKey.resolveSameOrigin(base, " /x "));
        assertEquals("https://example.org/c", CacheKey.resolveSameOrigin("https://example.org/a/b/", "../../c"));
        // an absolute same-origin reference, despite case and an explicit default port, normalises like a key
        assertEquals("https://example.org/x", CacheKey.resolveSameOrigin("https://example.org/a", "HTTPS://Example.org:443/x"));
        assertEquals("http://example.org:8080/x",
                CacheKey.resolveSameOrigin("http://example.org:8080/a", "//EXAMPLE.org:8080/x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://other.org/x", "http://example.org/x", "https://example.org:8443/x",
            "//other.org/x", "mailto:a@example.org"})
    void otherOriginIsNotInvalidated(String reference) {
        // RFC 9111 §4.4: a cache MUST NOT invalidate a URI from another origin
        assertNull(CacheKey.resolveSameOrigin("https://example.org/a", reference));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "http://exa mple.org/", "/a b"})
    void blankOrUnparseableReferenceIsIgnored(String reference) {
        assertNull(CacheKey.resolveSameOrigin("https://example.org/a", reference));
    }
}
