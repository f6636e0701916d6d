package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.Lookup.Outcome;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the cache reports: the RFC 9211 Cache-Status value, the Lookup ttl, and the Symfony-style trace. */
class ReportingTest {

    @Test
    void cacheStatusListsHitOrForwardParametersInRfcOrder() {
        // RFC 9211 §2.1, §2.5: hit; ttl=<remaining freshness>
        assertEquals("gatecache; hit; ttl=42", CacheStatusField.format("gatecache", true, null, 0, 42L, false, false, null));
        // RFC 9211 §2.2-§2.4: fwd, fwd-status, stored, in the order the RFC lists them
        assertEquals("gatecache; fwd=uri-miss; fwd-status=200; stored",
                CacheStatusField.format("gatecache", false, "uri-miss", 200, null, true, false, null));
        assertEquals("gc; fwd=stale; fwd-status=304; ttl=-3; collapsed",
                CacheStatusField.format("gc", false, "stale", 304, -3L, false, true, ""));
        // RFC 9211 §2.8 / RFC 8941 §3.3.3: detail is a String; '"' and '\' are escaped
        assertEquals("gc; hit; detail=\"say \\\"hi\\\" a\\\\b\"",
                CacheStatusField.format("gc", true, null, 0, null, false, false, "say \"hi\" a\\b"));
    }

    @Test
    void lookupTtlIsFlooredWholeSecondsAndOnlyServingOutcomesAnswerFromStore() {
        // (10000 - 10500) ms = -0.5 s floors to -1; (10000 - 9500) ms = 0.5 s floors to 0
        assertEquals(-1, new Lookup(Outcome.STALE, null, 10_500, 10_000, Reason.STALE).ttlSeconds());
        assertEquals(0, new Lookup(Outcome.FRESH, null, 9_500, 10_000, Reason.FRESH).ttlSeconds());
        // only FRESH, STALE and STALE_WHILE_REVALIDATE answer from the store
        EnumSet<Outcome> fromStore = EnumSet.of(Outcome.FRESH, Outcome.STALE, Outcome.STALE_WHILE_REVALIDATE);
        for (Outcome o : Outcome.values()) {
            assertEquals(fromStore.contains(o), new Lookup(o, null, 0, 0, Reason.FRESH).answersFromStore(), o.name());
        }
        assertFalse(Lookup.pass(Reason.METHOD).answersFromStore());
        assertEquals(Outcome.MISS, Lookup.miss(Reason.URI_MISS).outcome());
    }

    @Test
    void traceListsEventsInOrder() {
        Trace t = new Trace("GET", "/a").add("stale").add("valid").add("store");
        assertEquals("GET /a: stale, valid, store", t.toString());
        assertEquals(List.of("stale", "valid", "store"), t.events());
        assertThrows(UnsupportedOperationException.class, () -> t.events().add("x"));
        assertTrue(new Trace("GET", "/").events().isEmpty());
    }
}
