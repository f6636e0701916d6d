package io.gatecache.core;

import static io.gatecache.core.Fixtures.DAY;
import static io.gatecache.core.Fixtures.HOUR;
import static io.gatecache.core.Fixtures.MINUTE;
import static io.gatecache.core.Fixtures.NOW;
import static io.gatecache.core.Fixtures.SECOND;
import static io.gatecache.core.Fixtures.date;
import static io.gatecache.core.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9111 §4.2: freshness lifetime, age and the stale windows of RFC 5861, for a shared cache. */
class FreshnessTest {

    private static final CacheOptions DEFAULTS = CacheOptions.DEFAULTS;

    private static long lifetime(StoredResponse r) {
        return Freshness.freshnessLifetime(r, DEFAULTS);
    }

    /** RFC 9111 §4.2.1: s-maxage > max-age > Expires - Date > default_ttl > heuristic. */
    @Nested
    class Lifetime {

        @Test
        @Tag("MUST")
        void sMaxAgeOverridesMaxAgeForSharedCache() {
            // §4.2.1 / §5.2.2.10: a shared cache uses s-maxage first
            StoredResponse r = response(NOW, "Date", date(NOW), "Cache-Control", "max-age=600, s-maxage=60",
                    "Expires", date(NOW + HOUR));
            assertEquals(60 * SECOND, lifetime(r));
        }

        @Test
        @Tag("MUST")
        void maxAgeOverridesExpiresEvenAnInvalidOne() {
            // §5.3: if max-age is present, a recipient MUST ignore Expires, so "0" there does not make it stale
            StoredResponse r = response(NOW, "Date", date(NOW), "Cache-Control", "max-age=600",
                    "Expires", date(NOW + HOUR));
            assertEquals(600 * SECOND, lifetime(r));
            StoredResponse invalid = response(NOW, "Date", date(NOW), "Cache-Control", "max-age=600", "Expires", "0");
            assertEquals(600 * SECOND, lifetime(invalid));
        }

        @Test
        @Tag("MUST")
        void expiresMinusDateOrTimeReceived() {
            // §4.2.1: Expires - Date = (NOW + 1h) - (NOW - 10 min) = 70 min, independent of when it was received
            StoredResponse r = response(NOW, "Date", date(NOW - 10 * MINUTE), "Expires", date(NOW + HOUR));
            assertEquals(70 * MINUTE, lifetime(r));
            // RFC 9110 §6.6.1: without Date, the time received: (NOW + 1h) - NOW = 1h
            assertEquals(HOUR, lifetime(response(NOW, "Expires", date(NOW + HOUR))));
        }

        @Test
        @Tag("MUST")
        void expiresBeforeDateMeansZeroLifetime() {
            // Expires - Date = -1 min, clamped to 0: already stale
            StoredResponse r = response(NOW, "Date", date(NOW), "Expires", date(NOW - MINUTE));
            assertEquals(0, lifetime(r));
        }

        @Test
        @Tag("MUST")
        void invalidExpiresMeansAlreadyExpired() {
            // §5.3: invalid dates, especially "0", represent a time in the past; default_ttl must not rescue it
            StoredResponse r = response(NOW, "Date", date(NOW), "Expires", "0");
            assertEquals(StoredResponse.INVALID_EXPIRES, r.expires());
            assertEquals(0, Freshness.freshnessLifetime(r, DEFAULTS.withDefaultTtl(300)));
        }

        @Test
        @Tag("SHOULD")
        void firstExpiresLineIsUsed() {
            // §4.2.1: with two Expires lines the first should be used: (NOW + 1 min) - NOW
            StoredResponse r = response(NOW, "Date", date(NOW), "Expires", date(NOW + MINUTE),
                    "Expires", date(NOW + HOUR));
            assertEquals(MINUTE, lifetime(r));
        }

        @Test
        @Tag("SHOULD")
        void invalidMaxAgeOrSMaxAgeMeansStale() {
            // §4.2.1 (documented choice): an invalid directive makes the response stale; no fall-back
            StoredResponse maxAge = response(NOW, "Date", date(NOW), "Cache-Control", "max-age=ten",
                    "Expires", date(NOW + HOUR));
            assertEquals(0, lifetime(maxAge));
            StoredResponse sMaxAge = response(NOW, "Cache-Control", "s-maxage=-5, max-age=600");
            assertEquals(0, lifetime(sMaxAge));
        }

        @Test
        @Tag("MUST")
        void defaultTtlAppliesOnlyWithoutExplicitFreshnessAndBeatsHeuristic() {
            // Symfony default_ttl 300 s; an explicit max-age=0 still wins
            CacheOptions o = DEFAULTS.withDefaultTtl(300);
            assertEquals(300 * SECOND, Freshness.freshnessLifetime(response(NOW, "ETag", "\"a\""), o));
            assertEquals(0, Freshness.freshnessLifetime(response(NOW, "Cache-Control", "max-age=0"), o));
            // and it beats the heuristic (which would give 100 days / 10, capped at 1 day)
            StoredResponse r = response(NOW, "Date", date(NOW), "Last-Modified", date(NOW - 100 * DAY));
            assertEquals(5 * SECOND, Freshness.freshnessLifetime(r, DEFAULTS.withDefaultTtl(5).withHeuristicFreshness(true)));
        }

        @Test
        @Tag("SHOULD")
        void heuristicIsTenPercentOfTimeSinceLastModifiedAtMostOneDay() {
            // §4.2.2: (Date - Last-Modified) / 10 = 5 days / 10 = 12 h; 30 days / 10 = 3 days, capped at 1 day
            CacheOptions o = DEFAULTS.withHeuristicFreshness(true);
            StoredResponse r = response(NOW, "Date", date(NOW), "Last-Modified", date(NOW - 5 * DAY));
            assertEquals(12 * HOUR, Freshness.freshnessLifetime(r, o));
            StoredResponse old = response(NOW, "Date", date(NOW), "Last-Modified", date(NOW - 30 * DAY));
            assertEquals(DAY, Freshness.freshnessLifetime(old, o));
        }

        @Test
        @Tag("MUST")
        void heuristicNeedsTheOptionLastModifiedAndACacheableStatus() {
            // RFC 9110 §15.1: 302 is not heuristically cacheable, 404 is
            Headers h = Headers.of("Date", date(NOW), "Last-Modified", date(NOW - 5 * DAY));
            CacheOptions o = DEFAULTS.withHeuristicFreshness(true);
            assertEquals(0, Freshness.freshnessLifetime(new StoredResponse(302, h, null, NOW, NOW, null), o));
            assertEquals(12 * HOUR, Freshness.freshnessLifetime(new StoredResponse(404, h, null, NOW, NOW, null), o));
            // RFC 9111 §5.2.2.9: public lets any status (here an unknown 599) be treated as cacheable
            Headers publicH = h.with("Cache-Control", "public");
            assertEquals(12 * HOUR, Freshness.freshnessLifetime(new StoredResponse(599, publicH, null, NOW, NOW, null), o));
            // off by default, and it needs Last-Modified
            StoredResponse withLm = response(NOW, "Date", date(NOW), "Last-Modified", date(NOW - 5 * DAY));
            assertEquals(0, lifetime(withLm));
            StoredResponse withoutLm = response(NOW, "Date", date(NOW), "ETag", "\"a\"");
            assertEquals(0, Freshness.freshnessLifetime(withoutLm, DEFAULTS.withHeuristicFreshness(true)));
        }
    }

    /** RFC 9111 §4.2.3: calculating age. */
    @Nested
    class Age {

        @Test
        @Tag("MUST")
        void apparentAgeIsResponseTimeMinusDateNeverNegative() {
            // apparent_age = max(0, response_time - date_value) = NOW - (NOW - 7 s) = 7 s
            assertEquals(7 * SECOND, Freshness.apparentAge(response(NOW, "Date", date(NOW - 7 * SECOND))));
            // origin clock ahead: max(0, NOW - (NOW + 30 s)) = 0
            assertEquals(0, Freshness.apparentAge(response(NOW, "Date", date(NOW + 30 * SECOND))));
        }

        @Test
        @Tag("MUST")
        void correctedAgeValueAddsResponseDelayToAgeHeader() {
            // response_delay = response_time - request_time = 2 s
            // corrected_age_value = age_value + response_delay = 10 s + 2 s = 12 s
            StoredResponse r = response(200, NOW - 2 * SECOND, NOW, "Date", date(NOW), "Age", "10");
            assertEquals(2 * SECOND, Freshness.responseDelay(r));
            assertEquals(12 * SECOND, Freshness.correctedAgeValue(r));
            // §5.1: an invalid or negative Age is ignored (age_value 0): corrected_age_value = 0 + 0
            assertEquals(0, Freshness.correctedAgeValue(response(NOW, "Age", "-3")));
            assertEquals(0, Freshness.correctedAgeValue(response(NOW, "Age", "ten")));
            assertEquals(4 * SECOND, Freshness.correctedAgeValue(response(NOW, "Age", " 4 ")));
        }

        @Test
        @Tag("SHOULD")
        void ageAsAListUsesItsFirstMember() {
            // §5.1 defines Age as one delta-seconds; a list (one line or several) is read by its
            // first member, as the other list-valued fields with a singleton meaning are
            assertEquals(7200 * SECOND, Freshness.correctedAgeValue(response(NOW, "Age", "7200, 0")));
            assertEquals(0, Freshness.correctedAgeValue(response(NOW, "Age", "0, 7200")));
            assertEquals(0, Freshness.correctedAgeValue(response(NOW, "Age", "0", "Age", "7200")));
            assertEquals(7200 * SECOND, Freshness.correctedAgeValue(response(NOW, "Age", "7200", "Age", "0")));
            // parameters are not part of the number
            assertEquals(7200 * SECOND, Freshness.correctedAgeValue(response(NOW, "Age", "7200;foo=bar")));
            // a fraction is not delta-seconds: ignored
            assertEquals(0, Freshness.correctedAgeValue(response(NOW, "Age", "7200.0")));
            // §1.2.2: larger than 2^31 is 2^31
            assertEquals(CacheControl.DELTA_SECONDS_MAX * SECOND,
                    Freshness.correctedAgeValue(response(NOW, "Age", "99999999999")));
        }

        @Test
        @Tag("MUST")
        void correctedInitialAgeIsTheLargerOfApparentAndCorrectedAge() {
            // request_time = NOW - 2 s, response_time = NOW
            // Date = NOW - 5 s,  Age 10: max(apparent 5 s, corrected 10 + 2 = 12 s) = 12 s
            StoredResponse ageWins = response(200, NOW - 2 * SECOND, NOW, "Date", date(NOW - 5 * SECOND), "Age", "10");
            assertEquals(12 * SECOND, Freshness.correctedInitialAge(ageWins));
            // Date = NOW - 20 s, Age 1:  max(apparent 20 s, corrected 1 + 2 = 3 s) = 20 s
            StoredResponse dateWins = response(200, NOW - 2 * SECOND, NOW, "Date", date(NOW - 20 * SECOND), "Age", "1");
            assertEquals(20 * SECOND, Freshness.correctedInitialAge(dateWins));
        }

        @Test
        @Tag("MUST")
        void currentAgeAddsResidentTime() {
            // corrected_initial_age = 12 s (as above); resident_time = now - response_time = 30 s
            // current_age = 12 s + 30 s = 42 s
            StoredResponse r = response(200, NOW - 2 * SECOND, NOW, "Date", date(NOW - 5 * SECOND), "Age", "10");
            long now = NOW + 30 * SECOND;
            assertEquals(30 * SECOND, Freshness.residentTime(r, now));
            assertEquals(42 * SECOND, Freshness.currentAge(r, now));
        }

        @Test
        @Tag("MUST")
        void ageHeaderIsWholeSecondsCappedAt2Pow31() {
            // §5.1: 42.999 s is sent as 42; anything beyond 2^31 s is sent as 2147483648
            assertEquals(42, Freshness.ageHeaderSeconds(42_999));
            assertEquals(CacheControl.DELTA_SECONDS_MAX, Freshness.ageHeaderSeconds(Long.MAX_VALUE / 2));
        }

        @Test
        @Tag("MUST")
        void responseIsFreshOnlyWhileLifetimeExceedsAge() {
            // §4.2: response_is_fresh = (freshness_lifetime > current_age); equal means stale
            assertTrue(Freshness.isFresh(60_000, 59_999));
            assertFalse(Freshness.isFresh(60_000, 60_000));
            assertFalse(Freshness.isFresh(0, 0));
        }
    }

    /** RFC 5861 windows with the documented defaults (stale_while_revalidate 2 s, stale_if_error 60 s). */
    @Nested
    class StaleWindows {

        @Test
        @Tag("MAY")
        void responseDirectivesWinOverConfiguredDefaults() {
            StoredResponse stated = response(NOW, "Cache-Control", "max-age=10, stale-while-revalidate=30, stale-if-error=300");
            assertEquals(30 * SECOND, Freshness.staleWhileRevalidate(stated, DEFAULTS));
            assertEquals(300 * SECOND, Freshness.staleIfError(stated, DEFAULTS));
            StoredResponse plain = response(NOW, "Cache-Control", "max-age=10");
            assertEquals(2 * SECOND, Freshness.staleWhileRevalidate(plain, DEFAULTS));
            assertEquals(60 * SECOND, Freshness.staleIfError(plain, DEFAULTS));
            StoredResponse invalid = response(NOW, "Cache-Control", "max-age=10, stale-while-revalidate=soon");
            assertEquals(0, Freshness.staleWhileRevalidate(invalid, DEFAULTS));
        }

        @Test
        @Tag("MUST")
        void mustRevalidateProxyRevalidateAndNoCacheAllowNoStaleWindow() {
            // RFC 9111 §4.2.4: a cache MUST NOT generate a stale response when a directive prohibits it
            for (String cc : new String[] {"must-revalidate", "proxy-revalidate", "no-cache"}) {
                StoredResponse r = response(NOW, "Cache-Control",
                        "max-age=10, " + cc + ", stale-while-revalidate=30, stale-if-error=300");
                assertEquals(0, Freshness.staleWhileRevalidate(r, DEFAULTS), cc);
                assertEquals(0, Freshness.staleIfError(r, DEFAULTS), cc);
            }
        }

        @Test
        @Tag("MUST")
        void sMaxAgeSuppressesDefaultWindowsButKeepsStatedOnes() {
            // documented choice: s-maxage implies proxy-revalidate (RFC 9111 §5.2.2.10), so no *default* window
            StoredResponse plain = response(NOW, "Cache-Control", "s-maxage=10");
            assertEquals(0, Freshness.staleWhileRevalidate(plain, DEFAULTS));
            assertEquals(0, Freshness.staleIfError(plain, DEFAULTS));
            StoredResponse stated = response(NOW, "Cache-Control", "s-maxage=10, stale-if-error=5");
            assertEquals(5 * SECOND, Freshness.staleIfError(stated, DEFAULTS));
        }

        @Test
        @Tag("MUST")
        void forbidsStaleForRevalidateDirectivesNoCacheAndSMaxAge() {
            // RFC 9111 §5.2.2.2, §5.2.2.8, §5.2.2.4, §5.2.2.10
            assertTrue(Freshness.forbidsStale(CacheControl.parse("must-revalidate")));
            assertTrue(Freshness.forbidsStale(CacheControl.parse("proxy-revalidate")));
            assertTrue(Freshness.forbidsStale(CacheControl.parse("no-cache")));
            assertTrue(Freshness.forbidsStale(CacheControl.parse("s-maxage=0")));
            assertFalse(Freshness.forbidsStale(CacheControl.parse("max-age=60, public")));
        }
    }
}
