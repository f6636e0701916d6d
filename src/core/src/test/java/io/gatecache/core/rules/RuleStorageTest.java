package io.gatecache.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheOptions;
import io.gatecache.core.CacheRequest;
import io.gatecache.core.CacheStatus;
import io.gatecache.core.Freshness;
import io.gatecache.core.Headers;
import io.gatecache.core.HttpDate;
import io.gatecache.core.RequestFields;
import io.gatecache.core.StoragePolicy;
import io.gatecache.core.StoredResponse;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Storing a response under a rule's TTL: {@link StoragePolicy#decideForRule} ignores the origin's
 * caching directives but not the request's, and a {@link StoredResponse} with a {@code cacheTtl}
 * is fresh for exactly that TTL whatever its Cache-Control or Expires say.
 */
class RuleStorageTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long SECOND = 1_000L;
    private static final long HOUR = 3_600 * SECOND;

    private static CacheRequest request(String method, String... headers) {
        return new CacheRequest(method, RequestFields.of(Headers.of(headers)));
    }

    private static CacheRequest get(String... headers) {
        return request("GET", headers);
    }

    private static StoredResponse stored(long cacheTtl, String... headers) {
        return new StoredResponse(200, Headers.of(headers), new byte[0], NOW, NOW, Headers.EMPTY, cacheTtl);
    }

    private static long lifetime(StoredResponse r) {
        return Freshness.freshnessLifetime(r, CacheOptions.DEFAULTS);
    }

    @Nested
    class DecideForRule {

        private final StoragePolicy policy = new StoragePolicy(CacheOptions.DEFAULTS);

        private StoragePolicy.Decision decide(CacheRequest request, int status, String... headers) {
            return policy.decideForRule(request, status, Headers.of(headers));
        }

        private void assertStored(StoragePolicy.Decision d) {
            assertTrue(d.store(), d::toString);
            assertNull(d.refusal());
            assertEquals("rule ttl", d.detail());
        }

        private void assertRefused(StoragePolicy.Decision d, CacheStatus status, String reason) {
            assertFalse(d.store(), d::toString);
            assertEquals(status, d.refusal());
            assertEquals(reason, d.detail());
        }

        @Test
        void storesDespiteOriginNoStorePrivateOrNoCache() {
            assertStored(decide(get(), 200, "Cache-Control", "no-store"));
            assertStored(decide(get(), 200, "Cache-Control", "private, max-age=60"));
            assertStored(decide(get(), 200, "Cache-Control", "no-cache, max-age=0", "Expires", "0"));
        }

        @Test
        void storesWithoutAnyFreshnessInformationAndForAnyFinalStatus() {
            assertStored(decide(get(), 200));
            assertStored(decide(get(), 404));
            assertStored(decide(get(), 302, "Location", "/x"));
        }

        @Test
        void refusesAResponseThatSetsACookie() {
            assertRefused(decide(get(), 200, "Set-Cookie", "sid=1", "Cache-Control", "public, max-age=60"),
                    CacheStatus.BYPASS, "set-cookie");
        }

        @Test
        void refusesARequestWithAuthorizationEvenWhenTheOriginSaysPublic() {
            // Authorization is one of the default private headers
            assertRefused(decide(get("Authorization", "Bearer x"), 200, "Cache-Control", "public, s-maxage=60"),
                    CacheStatus.BYPASS, "private header authorization");
            // and refused on its own when it is not
            CacheOptions d = CacheOptions.DEFAULTS;
            StoragePolicy p = new StoragePolicy(new CacheOptions(d.defaultTtl(), List.of(), d.allowReload(),
                    d.allowRevalidate(), d.staleWhileRevalidate(), d.staleIfError(), d.keep(),
                    d.heuristicFreshness(), d.defaultCacheControl(), d.maxEntryBytes()));
            StoragePolicy.Decision dec = p.decideForRule(get("Authorization", "Bearer x"), 200,
                    Headers.of("Cache-Control", "public"));
            assertRefused(dec, CacheStatus.BYPASS, "authorization");
        }

        @Test
        void refusesARequestWithACookieEvenWhenTheOriginSaysPublic() {
            assertRefused(decide(get("Cookie", "sid=1"), 200, "Cache-Control", "public, max-age=60"),
                    CacheStatus.BYPASS, "private header cookie");
        }

        @Test
        @Tag("MUST")
        void refusesARequestWithNoStore() {
            assertRefused(decide(get("Cache-Control", "no-store"), 200), CacheStatus.BYPASS, "request no-store");
        }

        @Test
        void refusesMethodsOtherThanGet() {
            assertRefused(decide(request("POST"), 200), CacheStatus.DYNAMIC, "method");
            assertRefused(decide(request("HEAD"), 200), CacheStatus.DYNAMIC, "method");
        }

        @Test
        @Tag("MUST")
        void refusesPartialInterimAndNotModifiedResponses() {
            assertRefused(decide(get(), 206, "Content-Range", "bytes 0-9/100"), CacheStatus.DYNAMIC, "status 206");
            assertRefused(decide(get(), 304), CacheStatus.DYNAMIC, "status 304");
            assertRefused(decide(get(), 103), CacheStatus.DYNAMIC, "status 103");
        }

        @Test
        void refusesVaryStar() {
            assertRefused(decide(get(), 200, "Vary", "Accept, *"), CacheStatus.BYPASS, "vary *");
        }
    }

    /** freshness_lifetime of an entry stored under a rule's TTL. */
    @Nested
    class CacheTtlFreshness {

        @Test
        void cacheTtlOverridesSMaxAgeAndMaxAge() {
            StoredResponse r = stored(300, "Cache-Control", "s-maxage=5, max-age=10");
            assertEquals(300 * SECOND, lifetime(r));
            assertEquals(300, r.cacheTtl());
        }

        @Test
        void cacheTtlOverridesExpiresPastFutureOrInvalid() {
            assertEquals(300 * SECOND, lifetime(stored(300, "Date", HttpDate.format(NOW),
                    "Expires", HttpDate.format(NOW - HOUR))));
            assertEquals(300 * SECOND, lifetime(stored(300, "Date", HttpDate.format(NOW),
                    "Expires", HttpDate.format(NOW + 10 * HOUR))));
            assertEquals(300 * SECOND, lifetime(stored(300, "Expires", "0")));
        }

        @Test
        void cacheTtlOverridesNoStoreNoCacheAndDefaultTtl() {
            StoredResponse r = stored(300, "Cache-Control", "no-store, no-cache, private, max-age=0");
            assertEquals(300 * SECOND, lifetime(r));
            assertEquals(300 * SECOND, Freshness.freshnessLifetime(stored(300), CacheOptions.DEFAULTS.withDefaultTtl(999)));
        }

        @Test
        void zeroCacheTtlIsImmediatelyStale() {
            assertEquals(0, lifetime(stored(0, "Cache-Control", "max-age=600")));
        }

        @Test
        void withoutCacheTtlTheOriginHeadersGiveTheLifetime() {
            assertEquals(10 * SECOND, lifetime(stored(-1, "Cache-Control", "max-age=10")));
            StoredResponse six = new StoredResponse(200, Headers.of("Cache-Control", "max-age=10"), new byte[0],
                    NOW, NOW, Headers.EMPTY);
            assertEquals(-1, six.cacheTtl());
            assertEquals(10 * SECOND, lifetime(six));
        }

        @Test
        void clientStillReceivesTheOriginsHeaders() {
            StoredResponse r = stored(300, "Cache-Control", "no-store", "Expires", "0");
            assertEquals("no-store", r.headers().get("Cache-Control"));
            assertEquals("0", r.headers().get("Expires"));
        }

        @Test
        void refreshedEntryKeepsItsCacheTtl() {
            StoredResponse r = stored(300, "Cache-Control", "max-age=10")
                    .refreshed(Headers.of("Cache-Control", "max-age=5"), NOW + HOUR, NOW + HOUR);
            assertEquals(300, r.cacheTtl());
            assertEquals(300 * SECOND, lifetime(r));
        }
    }
}
