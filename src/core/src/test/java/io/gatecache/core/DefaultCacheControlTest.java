package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Symfony's conservative Cache-Control default for responses that set none. */
class DefaultCacheControlTest {

    @Test
    void aResponseThatSetsCacheControlKeepsItOtherwiseNoCachePrivate() {
        assertNull(DefaultCacheControl.forResponse(Headers.of("cache-control", "max-age=60")));
        assertNull(DefaultCacheControl.forResponse(Headers.of("Cache-Control", "", "ETag", "\"v\"")));
        // with no caching header at all: no-cache, private
        assertEquals("no-cache, private", DefaultCacheControl.forResponse(Headers.EMPTY));
        assertEquals("no-cache, private", DefaultCacheControl.forResponse(Headers.of("Content-Type", "text/html")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Expires", "ETag", "last-modified"})
    void anyCachingHeaderBecomesPrivateMustRevalidate(String field) {
        assertEquals("private, must-revalidate", DefaultCacheControl.forResponse(Headers.of(field, "x")));
    }

    @Test
    @Tag("MUST")
    void theDefaultIsNeverStoredByTheSharedCache() {
        // RFC 9111 §5.2.2.7: private forbids a shared cache to store; the default is therefore safe
        StoragePolicy p = new StoragePolicy(CacheOptions.DEFAULTS.withDefaultTtl(300));
        Headers h = Headers.of("ETag", "\"v\"");
        StoragePolicy.Decision d = p.decide(Fixtures.get(), 200,
                h.with("Cache-Control", DefaultCacheControl.forResponse(h)));
        assertFalse(d.store());
        assertEquals(CacheStatus.BYPASS, d.refusal());
    }
}
