package io.gatecache.core;

import static io.gatecache.core.Fixtures.DAY;
import static io.gatecache.core.Fixtures.NOW;
import static io.gatecache.core.Fixtures.SECOND;
import static io.gatecache.core.Fixtures.date;
import static io.gatecache.core.Fixtures.get;
import static io.gatecache.core.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9111 §3 (storing responses) and §3.5 (Authorization), with Symfony's private_headers and default_ttl. */
class StoragePolicyTest {

    private final StoragePolicy policy = new StoragePolicy(CacheOptions.DEFAULTS);

    private StoragePolicy.Decision decide(CacheRequest request, int status, String... headers) {
        return policy.decide(request, status, Headers.of(headers));
    }

    private static void assertStored(StoragePolicy.Decision d, String reason) {
        assertTrue(d.store(), () -> "not stored: " + d);
        assertNull(d.refusal());
        assertEquals(reason, d.detail());
    }

    private static void assertRefused(StoragePolicy.Decision d, CacheStatus status, String reason) {
        assertFalse(d.store(), () -> "stored: " + d);
        assertEquals(status, d.refusal());
        assertEquals(reason, d.detail());
    }

    @Nested
    class Refusals {

        @Test
        void onlyResponsesToGetAreStored() {
            // RFC 9111 §3: the method must be understood and cacheable; this cache stores GET only
            assertRefused(decide(request("POST"), 200, "Cache-Control", "max-age=60"), CacheStatus.DYNAMIC, "method");
            assertRefused(decide(request("HEAD"), 200, "Cache-Control", "max-age=60"), CacheStatus.DYNAMIC, "method");
        }

        @Test
        @Tag("MUST")
        void requestOrResponseNoStoreIsBypassed() {
            // RFC 9111 §5.2.1.5: a cache MUST NOT store any part of the request or its response
            assertRefused(decide(get("Cache-Control", "no-store"), 200, "Cache-Control", "max-age=60"),
                    CacheStatus.BYPASS, "request no-store");
            // RFC 9111 §3 / §5.2.2.5
            assertRefused(decide(get(), 200, "Cache-Control", "public, max-age=60, no-store"), CacheStatus.BYPASS, "no-store");
        }

        @Test
        @Tag("MUST")
        void unqualifiedPrivateIsBypassedByASharedCacheButQualifiedPrivateIsStored() {
            // RFC 9111 §3 / §5.2.2.7
            assertRefused(decide(get(), 200, "Cache-Control", "private, max-age=60"), CacheStatus.BYPASS, "private");
            // private="field" only forbids storing the named field, which HeaderRules strips
            assertStored(decide(get(), 200, "Cache-Control", "private=\"X-User\", max-age=60"), "explicit freshness");
        }

        @Test
        void setCookieIsNeverStoredEvenWhenPublic() {
            // documented rule (Symfony): a response that sets a cookie is never stored
            assertRefused(decide(get(), 200, "Cache-Control", "public, max-age=60", "Set-Cookie", "sid=1"),
                    CacheStatus.BYPASS, "set-cookie");
        }

        @Test
        void varyStarIsBypassed() {
            // RFC 9111 §4.1: Vary: * never matches, so storing it is useless
            assertRefused(decide(get(), 200, "Cache-Control", "max-age=60", "Vary", "Accept, *"), CacheStatus.BYPASS, "vary *");
        }

        @Test
        @Tag("MUST")
        void interimPartialAndNotModifiedResponsesAreNotStored() {
            // RFC 9111 §3: the status must be final; §3.3: this cache does not store partial content;
            // a 304 updates a stored response (§4.3.4) and is not one itself
            assertRefused(decide(get(), 103, "Cache-Control", "max-age=60"), CacheStatus.DYNAMIC, "status 103");
            assertRefused(decide(get(), 206, "Cache-Control", "max-age=60"), CacheStatus.DYNAMIC, "status 206");
            assertRefused(decide(get(), 304, "Cache-Control", "max-age=60"), CacheStatus.DYNAMIC, "status 304");
        }

        @Test
        void noFreshnessInformationIsDynamic() {
            // RFC 9111 §3: nothing (public, Expires, max-age, s-maxage, heuristic) allows storing;
            // a validator alone does not either (without default_ttl or heuristics)
            assertRefused(decide(get(), 200), CacheStatus.DYNAMIC, "no explicit freshness");
            assertRefused(decide(get(), 200, "ETag", "\"a\"", "Last-Modified", date(NOW - DAY)),
                    CacheStatus.DYNAMIC, "no explicit freshness");
        }

        @Test
        void noCacheWithoutValidatorIsBypassed() {
            // a no-cache response can only be reused after validation, which needs a validator
            assertRefused(decide(get(), 200, "Cache-Control", "no-cache"), CacheStatus.BYPASS, "no-cache");
            assertRefused(decide(get(), 200, "Cache-Control", "no-cache, max-age=60"), CacheStatus.BYPASS, "no-cache");
        }

        @Test
        void maxAgeZeroIsStoredOnlyWithAValidatorOrAStaleWindow() {
            // an immediately stale response is useless without a way to revalidate or serve it stale
            assertRefused(decide(get(), 200, "Cache-Control", "public, max-age=0"), CacheStatus.BYPASS, "max-age=0");
            assertRefused(decide(get(), 200, "Cache-Control", "s-maxage=0, max-age=600"), CacheStatus.BYPASS, "max-age=0");
            assertStored(decide(get(), 200, "Cache-Control", "max-age=0", "ETag", "\"v\""), "explicit freshness");
            assertStored(decide(get(), 200, "Cache-Control", "max-age=0, stale-if-error=60"), "explicit freshness");
        }
    }

    /** RFC 9111 §3.5 and Symfony's private_headers (Authorization, Cookie). */
    @Nested
    class AuthorizationAndPrivateHeaders {

        @Test
        @Tag("MUST")
        void authorizationRequestIsNotStoredWithoutExplicitPermission() {
            // §3.5: a shared cache MUST NOT store it unless public, s-maxage or must-revalidate
            assertRefused(decide(get("Authorization", "Bearer x"), 200, "Cache-Control", "max-age=60"),
                    CacheStatus.BYPASS, "authorization");
        }

        @Test
        @Tag("MAY")
        void authorizationWithPublicOrSMaxAgeIsStored() {
            // §3.5: public and s-maxage explicitly allow it (and lift the private_headers rule)
            assertStored(decide(get("Authorization", "Bearer x"), 200, "Cache-Control", "public, max-age=60"),
                    "explicit freshness");
            assertStored(decide(get("Authorization", "Bearer x"), 200, "Cache-Control", "s-maxage=60"),
                    "explicit freshness");
        }

        @Test
        void authorizationWithMustRevalidateIsStillAPrivateHeaderByDefault() {
            // §3.5 allows must-revalidate, but Authorization is in the default private_headers (documented)
            assertRefused(decide(get("Authorization", "Bearer x"), 200, "Cache-Control", "max-age=60, must-revalidate"),
                    CacheStatus.BYPASS, "private header authorization");
        }

        @Test
        @Tag("MAY")
        void authorizationWithMustRevalidateIsStoredWhenNotAPrivateHeader() {
            StoragePolicy p = new StoragePolicy(optionsWithPrivateHeaders(List.of("Cookie")));
            StoragePolicy.Decision d = p.decide(get("Authorization", "Bearer x"), 200,
                    Headers.of("Cache-Control", "max-age=60, must-revalidate"));
            assertStored(d, "explicit freshness");
        }

        @Test
        void cookieMakesTheResponsePrivateUnlessPublicOrSMaxAge() {
            assertRefused(decide(get("Cookie", "sid=1"), 200, "Cache-Control", "max-age=60"),
                    CacheStatus.BYPASS, "private header cookie");
            assertStored(decide(get("Cookie", "sid=1"), 200, "Cache-Control", "public, max-age=60"), "explicit freshness");
            assertStored(decide(get("Cookie", "sid=1"), 200, "Cache-Control", "s-maxage=60"), "explicit freshness");
            // an empty private_headers list disables the rule
            StoragePolicy p = new StoragePolicy(optionsWithPrivateHeaders(List.of()));
            assertStored(p.decide(get("Cookie", "sid=1"), 200, Headers.of("Cache-Control", "max-age=60")),
                    "explicit freshness");
        }

        private CacheOptions optionsWithPrivateHeaders(List<String> names) {
            CacheOptions d = CacheOptions.DEFAULTS;
            return new CacheOptions(d.defaultTtl(), names, d.allowReload(), d.allowRevalidate(),
                    d.staleWhileRevalidate(), d.staleIfError(), d.keep(), d.heuristicFreshness(),
                    d.defaultCacheControl(), d.maxEntryBytes());
        }
    }

    @Nested
    class Stored {

        @Test
        @Tag("MAY")
        void explicitFreshnessOrPublicIsStored() {
            // RFC 9111 §3: max-age, s-maxage, Expires or public
            assertStored(decide(get(), 200, "Cache-Control", "max-age=60"), "explicit freshness");
            assertStored(decide(get(), 200, "Expires", date(NOW + DAY)), "explicit freshness");
            assertStored(decide(get(), 200, "Cache-Control", "public"), "public");
        }

        @Test
        @Tag("MAY")
        void explicitFreshnessStoresAStatusThatIsNotHeuristicallyCacheable() {
            // RFC 9111 §3: max-age makes any final status storable
            assertStored(decide(get(), 302, "Cache-Control", "max-age=60", "Location", "/x"), "explicit freshness");
        }

        @Test
        @Tag("MUST")
        void mustUnderstandOverridesNoStoreOnlyForAnUnderstoodStatus() {
            // RFC 9111 §5.2.2.3: a cache that understands the status code MAY ignore no-store
            assertStored(decide(get(), 200, "Cache-Control", "must-understand, no-store, max-age=60"), "explicit freshness");
            // and MUST NOT store a response to a status code it does not understand
            assertRefused(decide(get(), 299, "Cache-Control", "must-understand, no-store, max-age=60"),
                    CacheStatus.BYPASS, "must-understand");
            assertRefused(decide(get(), 299, "Cache-Control", "must-understand, max-age=60"),
                    CacheStatus.BYPASS, "must-understand");
        }

        @Test
        @Tag("MAY")
        void noCacheWithValidatorIsStored() {
            // RFC 9111 §5.2.2.4: no-cache allows storing; reuse needs validation
            assertStored(decide(get(), 200, "Cache-Control", "no-cache", "ETag", "\"v1\""), "no-cache with validator");
            assertStored(decide(get(), 200, "Cache-Control", "no-cache, max-age=60", "Last-Modified", date(NOW)),
                    "explicit freshness");
        }

        @Test
        @Tag("MAY")
        void defaultTtlStoresAHeuristicallyCacheableResponseWithoutExplicitFreshness() {
            StoragePolicy p = new StoragePolicy(CacheOptions.DEFAULTS.withDefaultTtl(300));
            assertStored(p.decide(get(), 200, Headers.EMPTY), "default_ttl");
            assertStored(p.decide(get(), 404, Headers.EMPTY), "default_ttl");
            // RFC 9110 §15.1: 302 is not heuristically cacheable, so default_ttl does not apply
            assertRefused(p.decide(get(), 302, Headers.of("Location", "/x")), CacheStatus.DYNAMIC, "no explicit freshness");
        }

        @Test
        @Tag("MAY")
        void heuristicFreshnessStoresAResponseWithLastModified() {
            // RFC 9111 §4.2.2, when enabled
            StoragePolicy p = new StoragePolicy(CacheOptions.DEFAULTS.withHeuristicFreshness(true));
            assertStored(p.decide(get(), 200, Headers.of("Last-Modified", date(NOW - DAY))), "heuristic");
            assertRefused(p.decide(get(), 200, Headers.of("ETag", "\"v\"")), CacheStatus.DYNAMIC, "no explicit freshness");
        }
    }

    /** How long the store keeps an entry: lifetime + longer stale window + keep (with a validator). */
    @Nested
    class StoreLifespan {

        private StoredResponse entry(String... headers) {
            return Fixtures.response(NOW, headers);
        }

        @Test
        void withValidatorKeepsLifetimePlusLongerWindowPlusKeep() {
            // 60 s + max(swr 2 s, sie 60 s) + keep 3600 s = 3720 s
            assertEquals(3720 * SECOND, policy.storeLifespan(entry("Cache-Control", "max-age=60", "ETag", "\"v\"")));
            // 60 s + max(swr 300 s, sie 60 s) + 3600 s = 3960 s
            assertEquals(3960 * SECOND, policy.storeLifespan(entry("Cache-Control", "max-age=60, stale-while-revalidate=300",
                    "Last-Modified", date(NOW - DAY))));
        }

        @Test
        void withoutValidatorOnlyAShortGrace() {
            // 60 s + max(2 s, 60 s) + grace 10 s = 130 s
            assertEquals(130 * SECOND, policy.storeLifespan(entry("Cache-Control", "max-age=60")));
        }

        @Test
        void atLeastOneSecond() {
            // max-age=0 + must-revalidate (no windows) + no validator, keep 0 = 0 s, raised to 1 s
            CacheOptions d = CacheOptions.DEFAULTS;
            StoragePolicy noKeep = new StoragePolicy(new CacheOptions(d.defaultTtl(), d.privateHeaders(),
                    d.allowReload(), d.allowRevalidate(), d.staleWhileRevalidate(), d.staleIfError(), 0,
                    d.heuristicFreshness(), d.defaultCacheControl(), d.maxEntryBytes()));
            assertEquals(SECOND, noKeep.storeLifespan(entry("Cache-Control", "max-age=0, must-revalidate")));
        }
    }

    @Nested
    class UserContext {

        @Test
        void aResponseVaryingOnTheHashIsSharedDespiteCredentialsAndCookies() {
            assertStored(decide(request("GET", "Cookie", "JSESSIONID=abc", "X-User-Hash", "h1"), 200,
                    "Cache-Control", "max-age=60", "Vary", "X-User-Hash"), "explicit freshness");
            assertStored(decide(request("GET", "Authorization", "Basic x", "X-User-Hash", "h1"), 200,
                    "Cache-Control", "max-age=60", "Vary", "Accept, x-user-hash"), "explicit freshness");
            assertStored(policy.decideForRule(request("GET", "Cookie", "JSESSIONID=abc", "X-User-Hash", "h1"), 200,
                    Headers.of("Vary", "X-User-Hash")), "rule ttl");
        }

        @Test
        void withoutAHashTheRequestsCookiesStillKeepItOut() {
            assertRefused(decide(request("GET", "Cookie", "JSESSIONID=abc", "X-User-Hash", "h1"), 200,
                    "Cache-Control", "max-age=60"), CacheStatus.BYPASS, "private header cookie");
        }

        @Test
        void aResponseVaryingOnTheHashIsNotStoredForARequestWithout() {
            assertRefused(decide(get(), 200, "Cache-Control", "s-maxage=60", "Vary", "X-User-Hash"),
                    CacheStatus.BYPASS, "no user context hash");
            assertRefused(policy.decideForRule(get(), 200, Headers.of("Vary", "X-User-Hash")),
                    CacheStatus.BYPASS, "no user context hash");
        }

        @Test
        void privateAndSetCookieStillWin() {
            assertRefused(decide(request("GET", "X-User-Hash", "h1"), 200, "Cache-Control", "private, max-age=60",
                    "Vary", "X-User-Hash"), CacheStatus.BYPASS, "private");
            assertRefused(decide(request("GET", "X-User-Hash", "h1"), 200, "Cache-Control", "max-age=60",
                    "Set-Cookie", "a=b", "Vary", "X-User-Hash"), CacheStatus.BYPASS, "set-cookie");
        }
    }
}
