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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.Lookup.Outcome;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 9111 §4 (constructing responses from caches), §4.2.4 (serving stale), §5.2.1 (request
 * directives) and RFC 5861, with Symfony's allow_reload / allow_revalidate opt-ins. Every entry
 * below is received at {@code NOW} with {@code Date: NOW}, so its current_age is exactly
 * {@code now - NOW} unless it carries an Age field.
 */
class LookupPolicyTest {

    private final LookupPolicy policy = new LookupPolicy(CacheOptions.DEFAULTS);

    private static StoredResponse entry(String cacheControl) {
        return Fixtures.response(NOW, "Date", date(NOW), "Cache-Control", cacheControl);
    }

    private Lookup lookup(CacheRequest request, StoredResponse stored, long now) {
        return policy.lookup(request, List.of(stored), now);
    }

    @Nested
    class Selection {

        @Test
        @Tag("MUST")
        void passForUnsafeMethodsWhileHeadIsAnswered() {
            // RFC 9111 §4: only a request whose method is cacheable can be answered from the store
            Lookup l = lookup(request("POST"), entry("max-age=60"), NOW);
            assertEquals(Outcome.PASS, l.outcome());
            assertNull(l.entry());
            assertEquals("method", l.detail());
            // only-if-cached does not turn an unsafe method into UNSATISFIABLE
            assertEquals(Outcome.PASS,
                    lookup(request("delete", "Cache-Control", "only-if-cached"), entry("max-age=60"), NOW).outcome());
            // a stored GET answers a HEAD
            assertEquals(Outcome.FRESH, lookup(request("HEAD"), entry("max-age=60"), NOW + SECOND).outcome());
        }

        @Test
        void uriMissWhenNothingIsStored() {
            Lookup l = policy.lookup(get(), List.of(), NOW);
            assertEquals(Outcome.MISS, l.outcome());
            assertEquals("uri-miss", l.detail());
        }

        @Test
        @Tag("MUST")
        void varyMissWhenNoStoredVariantMatches() {
            // RFC 9111 §4.1: the nominated request fields must match those of the original request
            StoredResponse v = new StoredResponse(200,
                    Headers.of("Date", date(NOW), "Cache-Control", "max-age=60", "Vary", "Accept-Language"),
                    null, NOW, NOW, Headers.of("accept-language", "en"));
            Lookup miss = lookup(get("Accept-Language", "fr"), v, NOW + SECOND);
            assertEquals(Outcome.MISS, miss.outcome());
            assertEquals("vary-miss", miss.detail());
            assertEquals(Outcome.FRESH, lookup(get("Accept-Language", "en"), v, NOW + SECOND).outcome());
        }
    }

    @Nested
    class FreshAndStale {

        @Test
        @Tag("MAY")
        void freshEntryIsServedWithItsAgeAndRemainingTtl() {
            // current_age = 15 s < freshness_lifetime = 60 s; ttl = 60 - 15 = 45 s
            StoredResponse e = entry("max-age=60");
            Lookup l = lookup(get(), e, NOW + 15 * SECOND);
            assertEquals(Outcome.FRESH, l.outcome());
            assertSame(e, l.entry());
            assertEquals(15 * SECOND, l.currentAge());
            assertEquals(60 * SECOND, l.freshnessLifetime());
            assertEquals(45, l.ttlSeconds());
            assertTrue(l.answersFromStore());
        }

        @Test
        @Tag("MUST")
        void ageFieldCountsTowardsCurrentAge() {
            // RFC 9111 §4.2.3: current_age = Age 50 s + resident 15 s = 65 s > max-age 60 s: stale by 5 s
            StoredResponse e = Fixtures.response(NOW, "Date", date(NOW), "Cache-Control", "max-age=60", "Age", "50");
            Lookup l = lookup(get(), e, NOW + 15 * SECOND);
            assertEquals(Outcome.REVALIDATE, l.outcome());
            assertEquals(65 * SECOND, l.currentAge());
            assertEquals(-5, l.ttlSeconds());
        }

        @Test
        void staleEntryIsServedWhileRevalidatingOnlyWithinTheDefaultWindow() {
            // RFC 5861 §3 with the default stale_while_revalidate of 2 s:
            // stale by 62 - 60 = 2 s <= 2 s (inclusive): served; stale by 63 - 60 = 3 s > 2 s: revalidated
            StoredResponse e = entry("max-age=60");
            Lookup within = lookup(get(), e, NOW + 62 * SECOND);
            assertEquals(Outcome.STALE_WHILE_REVALIDATE, within.outcome());
            assertTrue(within.answersFromStore());
            Lookup beyond = lookup(get(), e, NOW + 63 * SECOND);
            assertEquals(Outcome.REVALIDATE, beyond.outcome());
            assertEquals("stale", beyond.detail());
            assertFalse(beyond.answersFromStore());
        }

        @Test
        @Tag("MAY")
        void staleWhileRevalidateDirectiveSetsTheWindow() {
            // RFC 5861 §3: stale by 89 - 60 = 29 s <= 30 s; stale by 91 - 60 = 31 s > 30 s
            StoredResponse e = entry("max-age=60, stale-while-revalidate=30");
            assertEquals(Outcome.STALE_WHILE_REVALIDATE, lookup(get(), e, NOW + 89 * SECOND).outcome());
            assertEquals(Outcome.REVALIDATE, lookup(get(), e, NOW + 91 * SECOND).outcome());
        }

        @Test
        @Tag("MUST")
        void mustRevalidateAndProxyRevalidateForbidServingStaleWhileRevalidating() {
            // RFC 9111 §5.2.2.2: once stale, MUST NOT be used without successful validation, even with a
            // stated stale-while-revalidate; §5.2.2.8: proxy-revalidate means the same for a shared cache
            assertEquals(Outcome.REVALIDATE, lookup(get(), entry("max-age=60, must-revalidate, stale-while-revalidate=30"),
                    NOW + 61 * SECOND).outcome());
            assertEquals(Outcome.REVALIDATE, lookup(get(), entry("max-age=60, proxy-revalidate"), NOW + 61 * SECOND).outcome());
        }

        @Test
        @Tag("MUST")
        void sMaxAgeForbidsTheDefaultStaleWindowButKeepsAStatedOne() {
            // RFC 9111 §5.2.2.10: s-maxage implies proxy-revalidate; stale by 1 s would be inside the default 2 s
            assertEquals(Outcome.REVALIDATE, lookup(get(), entry("s-maxage=60"), NOW + 61 * SECOND).outcome());
            // documented choice: the response's own directive is honoured; stale by 10 s <= 30 s
            assertEquals(Outcome.STALE_WHILE_REVALIDATE,
                    lookup(get(), entry("s-maxage=60, stale-while-revalidate=30"), NOW + 70 * SECOND).outcome());
        }

        @Test
        @Tag("MUST")
        void entryAtExactExpiryIsStaleAndNotServedWithoutAWindow() {
            // RFC 9111 §4.2: current_age 60 s == lifetime 60 s is stale; §5.2.2.2 then forbids serving it
            Lookup l = lookup(get(), entry("max-age=60, must-revalidate"), NOW + 60 * SECOND);
            assertEquals(Outcome.REVALIDATE, l.outcome());
            // RFC 5861 §3: a window of 0 s allows no stale use; stale by 0 s is still stale
            LookupPolicy noWindows = new LookupPolicy(CacheOptions.DEFAULTS.withStaleWindows(0, 0));
            assertEquals(Outcome.REVALIDATE, noWindows.lookup(get(), List.of(entry("max-age=60")), NOW + 60 * SECOND).outcome());
        }

        @Test
        @Tag("MUST")
        void unqualifiedResponseNoCacheRevalidatesEvenAFreshEntry() {
            // RFC 9111 §5.2.2.4: no-cache: MUST NOT be used without successful validation
            Lookup l = lookup(get(), entry("max-age=60, no-cache"), NOW + SECOND);
            assertEquals(Outcome.REVALIDATE, l.outcome());
            assertEquals("no-cache", l.detail());
            // the qualified form restricts only the named fields (stripped on storage)
            assertEquals(Outcome.FRESH,
                    lookup(get(), entry("max-age=60, no-cache=\"Set-Cookie\""), NOW + SECOND).outcome());
        }
    }

    /** RFC 9111 §5.2.1: request directives are advisory (a cache MAY implement them); response directives bind. */
    @Nested
    class RequestDirectives {

        @Test
        @Tag("MAY")
        void maxStaleAcceptsAStaleEntryWithinItsLimit() {
            // RFC 9111 §5.2.1.2: stale by 80 - 60 = 20 s <= max-stale 30 s
            Lookup l = lookup(get("Cache-Control", "max-stale=30"), entry("max-age=60"), NOW + 80 * SECOND);
            assertEquals(Outcome.STALE, l.outcome());
            assertEquals("request max-stale", l.detail());
            // stale by 95 - 60 = 35 s > max-stale 30 s (and > the 2 s default window)
            assertEquals(Outcome.REVALIDATE,
                    lookup(get("Cache-Control", "max-stale=30"), entry("max-age=60"), NOW + 95 * SECOND).outcome());
        }

        @Test
        @Tag("MAY")
        void maxStaleWithoutValueAcceptsAnyStalenessAndAnInvalidOneIsIgnored() {
            assertEquals(Outcome.STALE, lookup(get("Cache-Control", "max-stale"), entry("max-age=60"), NOW + 30 * DAY).outcome());
            assertEquals(Outcome.REVALIDATE,
                    lookup(get("Cache-Control", "max-stale=later"), entry("max-age=60"), NOW + 80 * SECOND).outcome());
        }

        @Test
        @Tag("MUST")
        void mustRevalidateAndSMaxAgeOverrideMaxStale() {
            // RFC 9111 §5.2.2.2: must-revalidate applies even when the client accepts stale responses;
            // §5.2.2.10: s-maxage carries proxy-revalidate's meaning
            CacheRequest anyStale = get("Cache-Control", "max-stale");
            assertEquals(Outcome.REVALIDATE, lookup(anyStale, entry("max-age=60, must-revalidate"), NOW + 80 * SECOND).outcome());
            assertEquals(Outcome.REVALIDATE, lookup(anyStale, entry("s-maxage=60"), NOW + 80 * SECOND).outcome());
        }

        @Test
        @Tag("MAY")
        void requestNoCacheRevalidatesOnlyWithAllowReload() {
            // Symfony allow_reload = false by default: a client cannot force an origin round trip
            assertEquals(Outcome.FRESH, lookup(get("Cache-Control", "no-cache"), entry("max-age=60"), NOW + SECOND).outcome());
            // RFC 9111 §5.2.1.4, honoured when allow_reload is on
            LookupPolicy p = new LookupPolicy(CacheOptions.DEFAULTS.withAllowReload(true));
            Lookup l = p.lookup(get("Cache-Control", "no-cache"), List.of(entry("max-age=60")), NOW + SECOND);
            assertEquals(Outcome.REVALIDATE, l.outcome());
            assertEquals("request no-cache", l.detail());
        }

        @Test
        void pragmaNoCacheCountsOnlyWithoutCacheControl() {
            // RFC 9111 §5.4: Pragma is ignored when the request has Cache-Control
            LookupPolicy p = new LookupPolicy(CacheOptions.DEFAULTS.withAllowReload(true));
            List<StoredResponse> stored = List.of(entry("max-age=60"));
            assertEquals(Outcome.REVALIDATE, p.lookup(get("Pragma", "no-cache"), stored, NOW + SECOND).outcome());
            assertEquals(Outcome.FRESH,
                    p.lookup(get("Pragma", "no-cache", "Cache-Control", "max-stale=5"), stored, NOW + SECOND).outcome());
        }

        @Test
        @Tag("MAY")
        void requestMaxAgeRevalidatesAnOlderEntryOnlyWithAllowRevalidate() {
            // RFC 9111 §5.2.1.1: the client wants age <= 10 s; age 15 s is too old, age 10 s is acceptable
            List<StoredResponse> stored = List.of(entry("max-age=60"));
            CacheRequest r = get("Cache-Control", "max-age=10");
            assertEquals(Outcome.FRESH, policy.lookup(r, stored, NOW + 15 * SECOND).outcome()); // ignored by default
            LookupPolicy p = new LookupPolicy(CacheOptions.DEFAULTS.withAllowRevalidate(true));
            Lookup old = p.lookup(r, stored, NOW + 15 * SECOND);
            assertEquals(Outcome.REVALIDATE, old.outcome());
            assertEquals("request max-age", old.detail());
            assertEquals(Outcome.FRESH, p.lookup(r, stored, NOW + 10 * SECOND).outcome());
            // max-age=0: an entry 1 ms old is already too old
            assertEquals(Outcome.REVALIDATE, p.lookup(get("Cache-Control", "max-age=0"), stored, NOW + 1).outcome());
        }

        @Test
        @Tag("MAY")
        void requestMinFreshNeedsThatMuchRemainingFreshnessWithAllowRevalidate() {
            // RFC 9111 §5.2.1.3: remaining = 60 - 50 = 10 s < min-fresh 20 s; 60 - 40 = 20 s >= 20 s
            LookupPolicy p = new LookupPolicy(CacheOptions.DEFAULTS.withAllowRevalidate(true));
            List<StoredResponse> stored = List.of(entry("max-age=60"));
            CacheRequest r = get("Cache-Control", "min-fresh=20");
            Lookup l = p.lookup(r, stored, NOW + 50 * SECOND);
            assertEquals(Outcome.REVALIDATE, l.outcome());
            assertEquals("request min-fresh", l.detail());
            assertEquals(Outcome.FRESH, p.lookup(r, stored, NOW + 40 * SECOND).outcome());
            // without allow_revalidate the directive is ignored
            assertEquals(Outcome.FRESH, policy.lookup(r, stored, NOW + 50 * SECOND).outcome());
        }

        @Test
        @Tag("SHOULD")
        void onlyIfCachedIsServedFromAFreshEntryOrOneWithinMaxStale() {
            assertEquals(Outcome.FRESH,
                    lookup(get("Cache-Control", "only-if-cached"), entry("max-age=60"), NOW + SECOND).outcome());
            // stale by 90 - 60 = 30 s <= max-stale 60 s, so the store can satisfy it
            assertEquals(Outcome.STALE, lookup(get("Cache-Control", "only-if-cached, max-stale=60"), entry("max-age=60"),
                    NOW + 90 * SECOND).outcome());
        }

        @Test
        @Tag("SHOULD")
        void onlyIfCachedWithNothingUsableStoredIsUnsatisfiable() {
            // RFC 9111 §5.2.1.7: respond from the store or with 504
            Lookup none = policy.lookup(get("Cache-Control", "only-if-cached"), List.of(), NOW);
            assertEquals(Outcome.UNSATISFIABLE, none.outcome());
            assertEquals("only-if-cached", none.detail());
            // stale by 600 - 60 = 540 s: would need revalidation
            StoredResponse e = entry("max-age=60");
            Lookup l = lookup(get("Cache-Control", "only-if-cached"), e, NOW + 10 * 60 * SECOND);
            assertEquals(Outcome.UNSATISFIABLE, l.outcome());
            assertSame(e, l.entry());
        }
    }

    /** RFC 5861 §4: stale-if-error. */
    @Nested
    class StaleIfError {

        @Test
        void staleEntryWithinTheDefaultWindowMayAnswerAnError() {
            // default stale_if_error 60 s: stale by 120 - 60 = 60 s is inside, 121 - 60 = 61 s is not
            StoredResponse e = entry("max-age=60");
            assertTrue(policy.canServeStaleOnError(e, NOW + 120 * SECOND, false));
            assertFalse(policy.canServeStaleOnError(e, NOW + 121 * SECOND, false));
        }

        @Test
        @Tag("MAY")
        void responseDirectiveSetsTheWindow() {
            // stale-if-error=600: stale by 660 - 60 = 600 s is inside, 661 - 60 = 601 s is not
            StoredResponse e = entry("max-age=60, stale-if-error=600");
            assertTrue(policy.canServeStaleOnError(e, NOW + 660 * SECOND, false));
            assertFalse(policy.canServeStaleOnError(e, NOW + 661 * SECOND, false));
        }

        @Test
        @Tag("MUST")
        void mustRevalidateForbidsServingStaleOnError() {
            // RFC 9111 §5.2.2.2: a cache that cannot validate must answer 504 instead
            StoredResponse e = entry("max-age=60, must-revalidate, stale-if-error=600");
            assertFalse(policy.canServeStaleOnError(e, NOW + 61 * SECOND, false));
            assertFalse(policy.canServeStaleOnError(e, NOW + 60 * SECOND, false));
        }

        @Test
        @Tag("MUST")
        void sMaxAgeGetsNoDefaultStaleIfErrorWindow() {
            assertFalse(policy.canServeStaleOnError(entry("s-maxage=60"), NOW + 61 * SECOND, false));
        }

        @Test
        @Tag("MAY")
        void freshEntryMayAnswerAnErrorButNoEntryCannot() {
            // must-revalidate only restricts a stale response
            assertTrue(policy.canServeStaleOnError(entry("max-age=60, must-revalidate"), NOW + 30 * SECOND, false));
            assertFalse(policy.canServeStaleOnError(null, NOW, false));
        }

        @Test
        @Tag("MUST")
        void noCacheEntryIsNeverUsedWithoutValidationEvenWhenFresh() {
            // RFC 9111 §5.2.2.4 / §4.2.4: no-cache forbids use without successful validation, so a failed
            // validation cannot fall back to it, fresh or not
            StoredResponse e = entry("max-age=60, no-cache");
            assertFalse(policy.canServeStaleOnError(e, NOW + SECOND, false));
        }

        @Test
        @Tag("MAY")
        void anUnreachableOriginMayBeReplacedByAnyStaleEntryThatAllowsIt() {
            // RFC 9111 §4.2.4: a disconnected cache may serve stale, beyond stale-if-error, unless
            // the response forbids it (must-revalidate, proxy-revalidate, no-cache, s-maxage)
            StoredResponse e = entry("max-age=60");
            assertFalse(policy.canServeStaleOnError(e, NOW + 3600 * SECOND, false));
            assertTrue(policy.canServeStaleOnError(e, NOW + 3600 * SECOND, true));
            for (String forbids : new String[] {"max-age=60, must-revalidate", "max-age=60, proxy-revalidate",
                    "max-age=60, no-cache", "s-maxage=60"}) {
                assertFalse(policy.canServeStaleOnError(entry(forbids), NOW + 3600 * SECOND, true), forbids);
            }
        }
    }
}
