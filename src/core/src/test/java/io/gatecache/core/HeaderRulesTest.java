package io.gatecache.core;

import static io.gatecache.core.Fixtures.HOUR;
import static io.gatecache.core.Fixtures.NOW;
import static io.gatecache.core.Fixtures.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9111 §3.1, §3.2, §4.3.4 and RFC 9110 §7.6.1, §15.4.5: which fields are stored, freshened and sent. */
class HeaderRulesTest {

    private final HeaderRules rules = new HeaderRules(Set.of("X-Cache", "Cache-Status", "X-Gatecache-Trace", "Age"));

    @Test
    @Tag("MUST")
    void hopByHopAndConnectionNominatedFieldsAreNotStored() {
        // RFC 9111 §3.1 / RFC 9110 §7.6.1: connection-specific fields MUST NOT be stored
        Headers stored = rules.forStorage(Headers.of("Date", date(NOW), "Connection", "keep-alive",
                "Keep-Alive", "timeout=5", "Transfer-Encoding", "chunked", "TE", "trailers", "Trailer", "X-Sum",
                "Upgrade", "h2c", "Proxy-Connection", "keep-alive", "ETag", "\"v\""), NOW);
        assertEquals(List.of("Date", "ETag"), List.copyOf(stored.names()));
        assertTrue(HeaderRules.isHopByHop("CONNECTION"));
        assertFalse(HeaderRules.isHopByHop("Cache-Control"));
        // RFC 9110 §7.6.1: Connection lists further connection-specific fields
        Headers nominated = rules.forStorage(Headers.of("Date", date(NOW), "Connection", "X-Hop, x-other",
                "X-Hop", "1", "X-Other", "2", "X-Kept", "3"), NOW);
        assertFalse(nominated.contains("X-Hop"));
        assertFalse(nominated.contains("X-Other"));
        assertEquals("3", nominated.get("X-Kept"));
    }

    @Test
    @Tag("MUST")
    void proxySpecificAuthenticationFieldsAreNotStored() {
        // RFC 9111 §3.1: Proxy-Authenticate, Proxy-Authentication-Info and Proxy-Authorization MUST NOT be stored
        Headers stored = rules.forStorage(Headers.of("Date", date(NOW), "Proxy-Authenticate", "Basic",
                "Proxy-Authentication-Info", "nextnonce=\"x\"", "Proxy-Authorization", "Basic eA=="), NOW);
        assertEquals(List.of("Date"), List.copyOf(stored.names()));
    }

    @Test
    @Tag("MUST")
    void fieldsNamedByQualifiedPrivateOrNoCacheAreNotStored() {
        // RFC 9111 §5.2.2.7 (private="...") and §5.2.2.4 (no-cache="...")
        Headers stored = rules.forStorage(Headers.of("Date", date(NOW),
                "Cache-Control", "private=\"X-User\", no-cache=\"X-Token\", max-age=60",
                "X-User", "alice", "X-Token", "t", "X-Public", "p"), NOW);
        assertFalse(stored.contains("X-User"));
        assertFalse(stored.contains("X-Token"));
        assertEquals("p", stored.get("X-Public"));
        assertEquals("private=\"X-User\", no-cache=\"X-Token\", max-age=60", stored.get("Cache-Control"));
    }

    @Test
    @Tag("MUST")
    void fieldsNamedInATargetedFieldAreNotStoredEither() {
        // RFC 9213: CDN-Cache-Control's no-cache="..." and private="..." name fields like Cache-Control's
        HeaderRules cdn = new HeaderRules(Set.of("X-Cache"), List.of("CDN-Cache-Control"));
        Headers stored = cdn.forStorage(Headers.of("Date", date(NOW), "Cache-Control", "no-store",
                "CDN-Cache-Control", "max-age=60, no-cache=\"X-Secret\", private=\"X-User\"",
                "X-Secret", "s", "X-User", "u", "X-Public", "p"), NOW);
        assertFalse(stored.contains("X-Secret"));
        assertFalse(stored.contains("X-User"));
        assertEquals("p", stored.get("X-Public"));
    }

    @Test
    void setCookieAndTheCachesOwnFieldsAreNotStored() {
        Headers stored = rules.forStorage(Headers.of("Date", date(NOW), "Set-Cookie", "a=1", "x-cache", "HIT",
                "set-cookie", "b=2",
                "CACHE-STATUS", "upstream; hit", "X-Gatecache-Trace", "fresh"), NOW);
        assertEquals(List.of("Date"), List.copyOf(stored.names()));
    }

    @Test
    @Tag("MUST")
    void theOriginsAgeIsStoredForTheAgeCalculation() {
        // RFC 9111 §4.2.3: age_value is the received Age; dropping it would make a response look younger
        Headers h = rules.forStorage(Headers.of("Date", date(NOW), "Cache-Control", "max-age=120", "Age", "100"), NOW);
        assertEquals("100", h.get("Age"));
        StoredResponse r = new StoredResponse(200, h, null, NOW, NOW, null);
        // current_age = 100 s + 30 s resident = 130 s > 120 s: stale
        assertFalse(Freshness.isFresh(Freshness.freshnessLifetime(r, CacheOptions.DEFAULTS),
                Freshness.currentAge(r, NOW + 30_000)));
    }

    @Test
    @Tag("MUST")
    void dateIsAddedWhenMissingOrInvalidAndKeptWhenValid() {
        // RFC 9110 §6.6.1: a cache adds Date (the time received) to a response that lacks one,
        // and MAY replace an invalid one with the time received
        Headers missing = rules.forStorage(Headers.of("Cache-Control", "max-age=60"), NOW);
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", missing.get("Date"));
        assertEquals(List.of(date(NOW)), rules.forStorage(Headers.of("Date", "yesterday"), NOW).all("Date"));
        assertEquals(date(NOW - HOUR), rules.forStorage(Headers.of("Date", date(NOW - HOUR)), NOW).get("Date"));
    }

    @Test
    @Tag("MUST")
    void freshenReplacesFieldsButKeepsContentLength() {
        // RFC 9111 §4.3.4 / §3.2: the 304's fields replace the stored ones, except Content-Length,
        // which frames the stored body; the body is stored as received, so Content-Type is updated
        Headers stored = Headers.of("Date", date(NOW - HOUR), "Cache-Control", "max-age=60", "ETag", "\"v1\"",
                "Content-Type", "text/html", "Content-Length", "1234", "X-Origin", "a");
        Headers notModified = Headers.of("Date", date(NOW), "Cache-Control", "max-age=120", "ETag", "\"v1\"",
                "Content-Type", "text/plain", "Content-Length", "0", "Connection", "close", "X-Extra", "b");
        Headers h = rules.freshen(stored, notModified, NOW);
        assertEquals(date(NOW), h.get("Date"));
        assertEquals("max-age=120", h.get("Cache-Control"));
        assertEquals("text/plain", h.get("Content-Type"));
        assertEquals("1234", h.get("Content-Length"));
        assertEquals("a", h.get("X-Origin"));
        assertEquals("b", h.get("X-Extra"));
        assertFalse(h.contains("Connection"));
    }

    @Test
    @Tag("MUST")
    void freshenAppliesTheStorageRulesToThe304() {
        // the 304's Set-Cookie is not stored; a 304 without Date is stamped with the time received
        Headers h = rules.freshen(Headers.of("Date", date(NOW - HOUR), "ETag", "\"v\""),
                Headers.of("ETag", "\"v\"", "Set-Cookie", "sid=1"), NOW);
        assertNull(h.get("Set-Cookie"));
        assertEquals(List.of(date(NOW)), h.all("Date"));
    }

    @Test
    @Tag("SHOULD")
    void notModifiedCarriesOnlyTheFieldsA304Sends() {
        // RFC 9110 §15.4.5: Content-Location, Date, ETag, Vary, Cache-Control, Expires (and Last-Modified)
        Headers stored = Headers.of("Date", date(NOW), "ETag", "\"v\"", "Cache-Control", "max-age=60",
                "Expires", date(NOW + HOUR), "Vary", "Accept", "Content-Location", "/a.en", "Last-Modified",
                date(NOW - HOUR), "Content-Type", "text/html", "Content-Length", "10", "X-Custom", "1");
        Headers h = rules.notModified(stored);
        assertEquals(List.of("Date", "ETag", "Cache-Control", "Expires", "Vary", "Content-Location", "Last-Modified"),
                List.copyOf(h.names()));
    }

    @Test
    @Tag("MUST")
    void aRequestsConnectionFieldTakesTheFieldsItNamesOutOfIt() {
        // RFC 9110 §7.6.1: the options name fields of this connection only; close and the
        // hop-by-hop fields say nothing more about the request's own fields
        assertEquals(Set.of("accept-language", "x-v"),
                HeaderRules.removedFromRequest(List.of("keep-alive, Accept-Language", "close,X-V, TE, upgrade")));
        assertTrue(HeaderRules.removedFromRequest(List.of("keep-alive", "close", " , ")).isEmpty());
        // a field that says a proxy passed the request on stays: purge trust reads it
        assertEquals(Set.of("x-v"), HeaderRules.removedFromRequest(List.of("X-Real-IP, X-V, x-forwarded-host")));
    }
}
