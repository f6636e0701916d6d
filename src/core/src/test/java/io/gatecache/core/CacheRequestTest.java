package io.gatecache.core;

import static io.gatecache.core.Fixtures.get;
import static io.gatecache.core.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request as the policies see it: method safety (RFC 9110 §9.2.1) and request directives (RFC 9111 §5.2.1, §5.4). */
class CacheRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE"})
    void safeMethodsDoNotInvalidate(String method) {
        // RFC 9110 §9.2.1: GET, HEAD, OPTIONS and TRACE are safe; method names arrive in any case here
        assertFalse(request(method).isUnsafe());
        assertFalse(request(method.toLowerCase()).isUnsafe());
        assertEquals(method, request(method.toLowerCase()).method());
    }

    @ParameterizedTest
    @Tag("MUST")
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void unsafeMethodsInvalidate(String method) {
        // RFC 9111 §4.4: a non-error response to an unsafe method invalidates the target URI
        assertTrue(request(method).isUnsafe());
        assertFalse(request(method).isGetOrHead());
    }

    @Test
    void pragmaNoCacheCountsOnlyWithoutCacheControl() {
        // RFC 9111 §5.4: Pragma is ignored when Cache-Control is present
        assertTrue(get("Pragma", "no-cache").noCache());
        assertFalse(get("Pragma", "no-cache", "Cache-Control", "max-age=10").noCache());
        assertTrue(get("Cache-Control", "no-cache").noCache());
        assertFalse(get("Pragma", "x-other").noCache());
    }
}
