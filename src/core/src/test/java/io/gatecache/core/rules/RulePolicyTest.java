package io.gatecache.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.Headers;
import io.gatecache.core.rules.RulePolicy.Decision;
import io.gatecache.core.rules.RulePolicy.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CDN ladder: Set-Cookie is never cached; a no-cache rule caches nothing; a TTL for the status
 * wins; then by status family and, for 200/203/300/301/308/410, by the rule's origin mode.
 */
class RulePolicyTest {

    private static final String EXPIRES = "Tue, 14 Nov 2023 23:13:20 GMT";

    private final RulePolicy policy = new RulePolicy(false, 0);

    private static CacheRule rule(String definition) {
        return CacheRule.parse("r", "match=extension:jpg; " + definition);
    }

    private Decision decide(CacheRule rule, int status, String... headers) {
        return policy.decide(rule, status, Headers.of(headers));
    }

    private static void assertFollow(Decision d) {
        assertEquals(Verdict.FOLLOW_ORIGIN, d.verdict(), d::toString);
    }

    private static void assertCacheFor(long ttl, Decision d) {
        assertEquals(Verdict.CACHE_FOR, d.verdict(), d::toString);
        assertEquals(ttl, d.ttl(), d::toString);
    }

    /** Not cached because the rules leave it uncached (DYNAMIC), not because the response forbade it. */
    private static void assertNotCached(Decision d) {
        assertEquals(Verdict.DO_NOT_CACHE, d.verdict(), d::toString);
        assertFalse(d.forbidden(), d::toString);
    }

    @Nested
    class SetCookie {

        @Test
        void responseSettingACookieIsNeverCachedWhateverTheRuleSays() {
            for (CacheRule r : new CacheRule[] {rule("mode=override; ttl=600"), rule("status=200=600"),
                    rule("mode=follow-else-default; ttl=600")}) {
                Decision d = decide(r, 200, "Set-Cookie", "sid=1", "Cache-Control", "public, max-age=60");
                assertEquals(Verdict.DO_NOT_CACHE, d.verdict(), r::definition);
                assertTrue(d.forbidden(), r::definition);
            }
        }

        @Test
        void setCookieIsRecognisedCaseInsensitively() {
            Decision d = decide(rule("mode=override; ttl=600"), 404, "set-cookie", "a=b");
            assertEquals(Verdict.DO_NOT_CACHE, d.verdict());
            assertTrue(d.forbidden());
        }
    }

    /** Requests that match no rule. */
    @Nested
    class NoRule {

        @Test
        void withoutTheCdnProfileTheResponseIsJudgedByRfc9111() {
            RulePolicy p = new RulePolicy(false, 600);
            assertFalse(p.cdnProfile());
            assertFollow(p.decide(null, 200, Headers.EMPTY));
            assertFollow(p.decide(null, 400, Headers.EMPTY));
        }

        @Test
        void underTheCdnProfileTheDefaultRuleFollowsOriginElseCachesForTheDefaultTtl() {
            RulePolicy p = new RulePolicy(true, 600);
            assertTrue(p.cdnProfile());
            assertCacheFor(600, p.decide(null, 200, Headers.EMPTY));
            assertFollow(p.decide(null, 200, Headers.of("ETag", "\"v\"")));
            // the status families still apply under the default rule
            assertCacheFor(1, p.decide(null, 404, Headers.EMPTY));
            assertNotCached(p.decide(null, 400, Headers.EMPTY));
        }
    }

    /** Mode 1: follow the origin's Cache-Control, Expires, Last-Modified or ETag if present, else the rule's TTL. */
    @Nested
    class FollowElseDefault {

        private final CacheRule r = rule("mode=follow-else-default; ttl=300");

        @ParameterizedTest
        @ValueSource(strings = {"Cache-Control", "Expires", "Last-Modified", "ETag", "cache-control"})
        void anyOriginCachingHeaderIsFollowed(String name) {
            String value = switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "cache-control" -> "max-age=60";
                case "etag" -> "\"v\"";
                default -> EXPIRES;
            };
            assertFollow(decide(r, 200, name, value));
        }

        @Test
        void withoutOriginCachingHeadersTheRulesTtlApplies() {
            assertCacheFor(300, decide(r, 200));
            // Pragma is not one of this mode's origin headers
            assertCacheFor(300, decide(r, 200, "Pragma", "no-cache", "Content-Type", "image/jpeg"));
        }

        @Test
        void zeroTtlWithoutOriginHeadersMeansNotCached() {
            assertNotCached(decide(rule("mode=follow-else-default"), 200));
        }
    }

    /** Mode 2: follow the origin's Cache-Control if present, else do not cache. */
    @Nested
    class FollowElseNoCache {

        private final CacheRule r = rule("mode=follow-else-no-cache; ttl=300");

        @Test
        void originCacheControlIsFollowed() {
            assertFollow(decide(r, 200, "Cache-Control", "max-age=60"));
        }

        @Test
        void withoutCacheControlNothingIsCachedEvenWithOtherValidatorsOrExpires() {
            assertNotCached(decide(r, 200));
            assertNotCached(decide(r, 200, "Expires", EXPIRES, "ETag", "\"v\"", "Last-Modified", EXPIRES));
        }
    }

    /** Mode 3: never cache. */
    @Nested
    class NoCacheMode {

        private final CacheRule r = rule("mode=no-cache; ttl=300; status=200=60,404=60");

        @Test
        void nothingIsCachedWhateverTheOriginSays() {
            assertNotCached(decide(r, 200, "Cache-Control", "public, max-age=600"));
            assertNotCached(decide(r, 200));
        }

        @Test
        void statusTtlsAndStatusFamilyDefaultsDoNotApply() {
            assertNotCached(decide(r, 404));
            assertNotCached(decide(r, 503));
            assertNotCached(decide(r, 302, "Cache-Control", "max-age=60"));
        }
    }

    /** Mode 4: ignore the origin's caching headers, cache for the rule's TTL. */
    @Nested
    class Override {

        private final CacheRule r = rule("mode=override; ttl=3600");

        @Test
        void originCachingHeadersAreIgnored() {
            assertCacheFor(3600, decide(r, 200, "Cache-Control", "no-store, private", "Expires", "0"));
            assertCacheFor(3600, decide(r, 200));
        }

        @Test
        void zeroTtlMeansNotCached() {
            assertNotCached(decide(rule("mode=override"), 200, "Cache-Control", "max-age=600"));
        }
    }

    /** 200, 203, 300, 301, 308, 410 follow the rule's mode. */
    @Nested
    class StatusesByMode {

        @ParameterizedTest
        @ValueSource(ints = {200, 203, 300, 301, 308, 410})
        void followTheRulesMode(int status) {
            assertCacheFor(120, decide(rule("mode=override; ttl=120"), status, "Cache-Control", "no-store"));
            assertCacheFor(120, decide(rule("mode=follow-else-default; ttl=120"), status));
            assertFollow(decide(rule("mode=follow-else-default; ttl=120"), status, "ETag", "\"v\""));
            assertNotCached(decide(rule("mode=follow-else-no-cache; ttl=120"), status, "Expires", EXPIRES));
        }
    }

    /** 204, 305, 404, 405, 414, 424, 429, 500-504 follow Pragma, Cache-Control or Expires, else 1 second. */
    @Nested
    class OneSecondStatuses {

        @ParameterizedTest
        @ValueSource(ints = {204, 305, 404, 405, 414, 424, 429, 500, 501, 502, 503, 504})
        void withoutHeadersAreCachedForOneSecondWhateverTheMode(int status) {
            assertCacheFor(1, decide(rule("mode=override; ttl=3600"), status));
            assertCacheFor(1, decide(rule("mode=follow-else-no-cache; ttl=3600"), status));
            // ETag and Last-Modified are not among the headers these statuses follow
            assertCacheFor(1, decide(rule("mode=follow-else-default; ttl=3600"), status, "ETag", "\"v\""));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Pragma", "Cache-Control", "Expires"})
        void followPragmaCacheControlOrExpires(String name) {
            CacheRule r = rule("mode=override; ttl=3600");
            String value = name.equals("Expires") ? EXPIRES : "no-cache";
            assertFollow(decide(r, 404, name, value));
            assertFollow(decide(r, 503, name, value));
        }
    }

    /** 302, 307, 403 follow Pragma, Cache-Control or Expires, else are not cached. */
    @Nested
    class HeadersOnlyStatuses {

        @ParameterizedTest
        @ValueSource(ints = {302, 307, 403})
        void followTheirHeadersElseAreNotCached(int status) {
            CacheRule r = rule("mode=override; ttl=3600");
            assertFollow(decide(r, status, "Cache-Control", "max-age=60"));
            assertFollow(decide(r, status, "Expires", EXPIRES));
            assertFollow(decide(r, status, "Pragma", "no-cache"));
            assertNotCached(decide(r, status, "Location", "/x", "ETag", "\"v\""));
        }
    }

    /** Any other status (400, 201, 418, ...) is cached only with a TTL for it. */
    @Nested
    class OtherStatuses {

        @ParameterizedTest
        @ValueSource(ints = {201, 400, 401, 418, 505})
        void areNotCachedWithoutATtlForTheirStatusEvenWithOriginHeaders(int status) {
            assertNotCached(decide(rule("mode=override; ttl=3600"), status, "Cache-Control", "public, max-age=600"));
        }

        @Test
        void areCachedForTheirStatusTtl() {
            CacheRule r = rule("mode=follow-else-no-cache; status=201=10,400=20,4xx=5,5xx=7");
            assertCacheFor(10, decide(r, 201));
            assertCacheFor(20, decide(r, 400));
            assertCacheFor(5, decide(r, 418));
            assertCacheFor(7, decide(r, 505));
        }
    }

    /** A TTL set for the status wins over the status family and the mode. */
    @Nested
    class StatusTtlPrecedence {

        @Test
        void statusTtlBeatsTheModeAndTheOriginHeaders() {
            CacheRule r = rule("mode=follow-else-no-cache; ttl=300; status=200=60");
            assertCacheFor(60, decide(r, 200));
            assertCacheFor(60, decide(r, 200, "Cache-Control", "max-age=5"));
        }

        @Test
        void statusTtlBeatsTheOneSecondAndHeadersOnlyDefaults() {
            CacheRule r = rule("mode=override; ttl=300; status=404=15,4xx=10,302=30");
            assertCacheFor(15, decide(r, 404, "Cache-Control", "max-age=600"));
            assertCacheFor(10, decide(r, 403));
            assertCacheFor(10, decide(r, 405));
            assertCacheFor(30, decide(r, 302));
        }

        @Test
        void zeroStatusTtlMeansNotCached() {
            assertNotCached(decide(rule("mode=override; ttl=300; status=200=0,4xx=0"), 200));
            assertNotCached(decide(rule("mode=override; ttl=300; status=200=0,4xx=0"), 404));
        }
    }

    @Test
    void partialContentIsNeverStoredEvenWithOverride() {
        assertNotCached(decide(rule("mode=override; ttl=3600"), 206));
        assertNotCached(decide(rule("mode=follow-else-default; ttl=3600"), 206));
    }
}
