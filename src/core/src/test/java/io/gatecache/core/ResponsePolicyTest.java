package io.gatecache.core;

import static io.gatecache.core.Fixtures.HOUR;
import static io.gatecache.core.Fixtures.NOW;
import static io.gatecache.core.Fixtures.SECOND;
import static io.gatecache.core.Fixtures.date;
import static io.gatecache.core.Fixtures.get;
import static io.gatecache.core.Fixtures.request;
import static io.gatecache.core.Fixtures.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.ResponseDecision.GatewayTimeout;
import io.gatecache.core.ResponseDecision.Invalidation;
import io.gatecache.core.ResponseDecision.Pass;
import io.gatecache.core.ResponseDecision.Serve;
import io.gatecache.core.ResponseDecision.Store;
import io.gatecache.core.rules.CacheRule;
import io.gatecache.core.rules.RulePolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one decision after the origin: serve from the store, store, pass, or 504, in the RFC's order. */
class ResponsePolicyTest {

    private final CacheOptions options = CacheOptions.DEFAULTS.withStaleWindows(0, 0);
    private final ResponsePolicy policy = new ResponsePolicy(options, new RulePolicy(false, 0),
            new HeaderRules(Set.of("X-Cache")));

    private static ResponsePolicy.Forwarded forwarded(CacheRequest request, StoredResponse entry, boolean validators) {
        Lookup lookup = entry == null ? Lookup.miss(Reason.URI_MISS)
                : new Lookup(Lookup.Outcome.REVALIDATE, entry, 0, 0, Reason.STALE);
        return new ResponsePolicy.Forwarded(request, lookup, null, validators, NOW);
    }

    private static ResponsePolicy.Origin origin(int status, String... headers) {
        return new ResponsePolicy.Origin(status, Headers.of(headers), false, false);
    }

    @Test
    @Tag("MUST")
    void aSuccessfulUnsafeRequestInvalidatesItsTargetAndLocations() {
        // RFC 9111 §4.4
        Pass pass = assertInstanceOf(Pass.class, policy.decide(forwarded(request("POST"), null, false),
                origin(201, "Location", "/items/7"), NOW));
        assertEquals(Invalidation.KEY_AND_LOCATIONS, pass.invalidation());
        assertEquals(CacheStatus.DYNAMIC, pass.status());
        Pass failed = assertInstanceOf(Pass.class, policy.decide(forwarded(request("DELETE"), null, false),
                origin(409), NOW));
        assertEquals(Invalidation.NONE, failed.invalidation(), "a failed request changed nothing");
    }

    @Test
    @Tag("MUST")
    void a304ToTheCachesOwnValidatorsFreshensTheEntryAndAnswersFromIt() {
        // RFC 9111 §4.3.4: the stored response updated with the 304's fields
        StoredResponse stale = response(NOW - HOUR, "Cache-Control", "max-age=60", "ETag", "\"v1\"", "X-A", "old");
        Serve serve = assertInstanceOf(Serve.class, policy.decide(forwarded(get(), stale, true),
                origin(304, "Cache-Control", "max-age=120", "ETag", "\"v1\"", "X-A", "new"), NOW));
        assertEquals(CacheStatus.REVALIDATED, serve.status());
        assertTrue(serve.store());
        assertEquals("new", serve.entry().headers().get("X-A"));
        assertEquals(120, serve.entry().cacheControl().maxAge());
        assertEquals(NOW, serve.entry().responseTime());
    }

    @Test
    void a304ToTheClientsOwnConditionalPassesThrough() {
        StoredResponse stale = response(NOW - HOUR, "Cache-Control", "max-age=60", "ETag", "\"v1\"");
        Pass pass = assertInstanceOf(Pass.class, policy.decide(forwarded(get(), stale, false),
                origin(304, "Cache-Control", "max-age=60"), NOW));
        assertEquals(Reason.STATUS, pass.reason());
    }

    @Test
    @Tag("MUST")
    void aServerErrorIsAnsweredStaleOnlyWithinStaleIfError() {
        // RFC 5861 §4; RFC 9111 §4.2.4 forbids stale without permission
        StoredResponse within = response(NOW - 70 * SECOND, "Cache-Control", "max-age=60, stale-if-error=60");
        Serve serve = assertInstanceOf(Serve.class, policy.decide(forwarded(get(), within, false), origin(503), NOW));
        assertEquals(CacheStatus.STALE, serve.status());
        assertEquals(Reason.STALE_IF_ERROR, serve.reason());
        assertFalse(serve.store());

        StoredResponse beyond = response(NOW - 130 * SECOND, "Cache-Control", "max-age=60, stale-if-error=60");
        Pass pass = assertInstanceOf(Pass.class, policy.decide(forwarded(get(), beyond, false), origin(503), NOW));
        assertEquals(Invalidation.KEY, pass.invalidation(), "the error replaces what was stored");
    }

    @Test
    @Tag("MUST")
    void anUnreachableOriginGivesA504WhenTheEntryMayNotBeServedStale() {
        // RFC 9111 §5.2.2.2: must-revalidate; the entry stays for when the origin is back
        StoredResponse strict = response(NOW - HOUR, "Cache-Control", "max-age=60, must-revalidate");
        assertInstanceOf(GatewayTimeout.class, policy.decide(forwarded(get(), strict, false),
                new ResponsePolicy.Origin(502, Headers.of("Cache-Control", "no-store"), true, true), NOW));
        StoredResponse lenient = response(NOW - HOUR, "Cache-Control", "max-age=60");
        Serve serve = assertInstanceOf(Serve.class, policy.decide(forwarded(get(), lenient, false),
                new ResponsePolicy.Origin(502, Headers.EMPTY, true, true), NOW));
        assertEquals(Reason.ORIGIN_UNREACHABLE, serve.reason());
    }

    @Test
    @Tag("MUST")
    void aHeadResponseFreshensTheGetItDescribesAndInvalidatesOneItDoesNot() {
        // RFC 9111 §4.3.5
        StoredResponse stored = response(NOW - HOUR, "Cache-Control", "max-age=60", "ETag", "\"v1\"");
        Serve same = assertInstanceOf(Serve.class, policy.decide(forwarded(request("HEAD"), stored, false),
                origin(200, "Cache-Control", "max-age=60", "ETag", "\"v1\""), NOW));
        assertEquals(Reason.HEAD_DESCRIBES, same.reason());
        Pass changed = assertInstanceOf(Pass.class, policy.decide(forwarded(request("HEAD"), stored, false),
                origin(200, "ETag", "\"v2\""), NOW));
        assertEquals(Invalidation.KEY, changed.invalidation());
    }

    @Test
    void aResponseWithoutCacheControlGetsTheConservativeDefaultAndIsNotStored() {
        Pass pass = assertInstanceOf(Pass.class, policy.decide(forwarded(get(), null, false), origin(200), NOW));
        assertEquals("no-cache, private", pass.defaultCacheControl());
        assertEquals(CacheStatus.DYNAMIC, pass.status());
        assertEquals(Reason.DEFAULT_CACHE_CONTROL, pass.reason());
        Pass gateway = assertInstanceOf(Pass.class, policy.decide(forwarded(get(), null, false),
                new ResponsePolicy.Origin(200, Headers.EMPTY, false, true), NOW));
        assertNull(gateway.defaultCacheControl(), "a gateway origin's response gets no application default");
    }

    @Test
    void aRuleTtlIsAValueOnTheDecisionAndTheEntry() {
        CacheRule rule = CacheRule.parse("api", "match=directory:/api/; mode=override; ttl=30");
        ResponsePolicy.Forwarded f = new ResponsePolicy.Forwarded(get(), Lookup.miss(Reason.URI_MISS), rule, false,
                NOW);
        Store store = assertInstanceOf(Store.class, policy.decide(f, origin(200, "Cache-Control", "no-store"), NOW));
        assertEquals(30, store.cacheTtl());
        StoredResponse entry = policy.entry(f, store, 200, Headers.of("Cache-Control", "no-store"), new byte[0],
                Set.of(), NOW);
        assertEquals(30, entry.cacheTtl());
        assertTrue(entry.cacheControl().isEmpty(), "the origin's directives are not read");
        assertEquals(30_000, Freshness.freshnessLifetime(entry, CacheOptions.DEFAULTS));
    }

    @Test
    @Tag("MUST")
    void aStorableResponseIsStoredWithItsVariantKeyAndTags() {
        Store store = assertInstanceOf(Store.class, policy.decide(forwarded(get("Accept-Language", "de"), null, false),
                origin(200, "Cache-Control", "max-age=60", "Vary", "Accept-Language"), NOW));
        assertEquals(CacheStatus.MISS, store.status());
        assertEquals(Reason.EXPLICIT_FRESHNESS, store.reason());
        StoredResponse entry = policy.entry(forwarded(get("Accept-Language", "de"), null, false), store, 200,
                Headers.of("Cache-Control", "max-age=60", "Vary", "Accept-Language", "Date", date(NOW)),
                "x".getBytes(), Set.of("c1"), NOW);
        assertEquals("de", entry.variantKey().first("accept-language"));
        assertEquals(List.of("c1"), entry.tags());
        assertEquals(List.of("accept-language"), entry.vary().fields());
    }

    @Test
    @Tag("MUST")
    void theTargetedFieldIsObeyedAndReadOnceIntoTheDecision() {
        // RFC 9213 §2.1: CDN-Cache-Control replaces Cache-Control for this cache
        ResponsePolicy cdn = new ResponsePolicy(options.withTargetedFields(List.of("CDN-Cache-Control")),
                new RulePolicy(false, 0), new HeaderRules(Set.of(), List.of("CDN-Cache-Control")));
        Headers h = Headers.of("Cache-Control", "no-store", "CDN-Cache-Control", "max-age=600");
        Store store = assertInstanceOf(Store.class, cdn.decide(forwarded(get(), null, false),
                new ResponsePolicy.Origin(200, h, false, true), NOW));
        assertEquals("CDN-Cache-Control", store.targeted().field());
        StoredResponse entry = cdn.entry(forwarded(get(), null, false), store, 200, h, new byte[0], Set.of(), NOW);
        assertEquals("CDN-Cache-Control", entry.targetedField());
        assertEquals(600, entry.cacheControl().maxAge());
    }
}
