package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9213: a cache that obeys a targeted field uses it instead of Cache-Control and Expires. */
class TargetedFieldTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final CacheOptions CDN = CacheOptions.DEFAULTS.withTargetedFields(
            List.of("Acme-Cache-Control", "CDN-Cache-Control"));

    @Test
    @Tag("MUST")
    void theFirstTargetedFieldPresentInPrecedenceOrderIsObeyed() {
        Headers h = Headers.of("CDN-Cache-Control", "max-age=10", "Acme-Cache-Control", "max-age=20");
        assertEquals("Acme-Cache-Control", CDN.targeted(h).field());
        assertEquals("CDN-Cache-Control", CDN.targeted(Headers.of("CDN-Cache-Control", "max-age=10")).field());
        // an empty targeted field is not valid and is ignored (RFC 9213 §2.1)
        assertNull(CDN.targeted(Headers.of("CDN-Cache-Control", " ", "Cache-Control", "max-age=5")).field());
        assertNull(CacheOptions.DEFAULTS.targeted(h).field(), "no targeted field unless configured");
    }

    @Test
    @Tag("MUST")
    void policyViewReplacesCacheControlAndDropsExpires() {
        Headers h = Headers.of("Cache-Control", "no-store", "Expires", "Thu, 01 Jan 1970 00:00:00 GMT",
                "CDN-Cache-Control", "max-age=60", "ETag", "\"a\"");
        Headers view = CDN.policyView(h);
        assertEquals("max-age=60", view.get("Cache-Control"));
        assertFalse(view.contains("Expires"));
        assertEquals("\"a\"", view.get("ETag"));
        assertEquals(h, CacheOptions.DEFAULTS.policyView(h), "untouched without a targeted field");
    }

    @Test
    @Tag("MUST")
    void storedResponseFreshnessFollowsTheTargetedField() {
        // Cache-Control says no-cache and Expires is in the past; CDN-Cache-Control: max-age=60 wins
        Headers h = Headers.of("Cache-Control", "no-cache", "Expires", "Thu, 01 Jan 1970 00:00:00 GMT",
                "CDN-Cache-Control", "max-age=60");
        StoredResponse r = new StoredResponse(200, h, new byte[0], NOW, NOW, Headers.EMPTY, -1, "CDN-Cache-Control");
        assertEquals(60_000, Freshness.freshnessLifetime(r, CDN));
        assertFalse(r.cacheControl().noCache());
        assertEquals(StoredResponse.NO_EXPIRES, r.expires());
        // a refreshed copy whose new fields lack the targeted field falls back to Cache-Control
        StoredResponse refreshed = r.refreshed(Headers.of("Cache-Control", "max-age=5"), NOW, NOW);
        assertNull(refreshed.targetedField());
        assertEquals(5_000, Freshness.freshnessLifetime(refreshed, CDN));
    }

    @Test
    @Tag("MUST")
    void storagePolicyReadsTheTargetedView() {
        StoragePolicy policy = new StoragePolicy(CDN);
        CacheRequest get = new CacheRequest("GET", name -> null);
        assertTrue(policy.decide(get, 200, CDN.policyView(Headers.of("Cache-Control", "no-store",
                "CDN-Cache-Control", "max-age=60"))).store());
        assertFalse(policy.decide(get, 200, CDN.policyView(Headers.of("Cache-Control", "max-age=60",
                "CDN-Cache-Control", "no-store"))).store());
    }

    @Test
    @Tag("MUST")
    void theFieldIsAStructuredFieldsDictionaryOfDirectives() {
        // RFC 9213 §2.1 / RFC 9651 §3.2: members, Integer and Boolean values, parameters ignored
        assertEquals("max-age=60", TargetedField.asCacheControl("max-age=60"));
        assertEquals("no-store, max-age=60", TargetedField.asCacheControl("no-store,max-age=60;x=1"));
        assertEquals("private=\"set-cookie\"", TargetedField.asCacheControl("private=\"set-cookie\""));
        assertEquals("max-age=99999999999", TargetedField.asCacheControl("max-age=99999999999"));
        // an unknown directive is kept, with whatever value; one with ?0 is not set
        assertEquals("foobar, max-age=60", TargetedField.asCacheControl("foobar, max-age=60"));
        assertEquals("x, y, z, max-age=60", TargetedField.asCacheControl("x=tok, y=(1 2);a=b, z=:AQ==:, max-age=60"));
        assertEquals("max-age=60", TargetedField.asCacheControl("no-store=?0, max-age=60"));
        // members are separated by OWS (spaces and tabs) around the comma; the last of a key wins
        assertEquals("max-age=60", TargetedField.asCacheControl("max-age=5 ,\tmax-age=60"));
        assertEquals("x, max-age=60", TargetedField.asCacheControl("x=%\"a\\b%c3%bc\", max-age=60"));
    }

    @Test
    @Tag("SHOULD")
    void aValueThatIsNotADictionaryIsIgnoredAsAWhole() {
        // RFC 9213 §2.1: a parse error means the field is ignored, falling back to Cache-Control
        // keys are lower case in Structured Fields: MaX-aGe is not a key
        for (String invalid : new String[] {"max-age=10000, &&&&&", "max-age =100", "max-age= 100", "max-age=60,",
                "max-age=\"60", "max-age=1234567890123456", "max-age=6.0000", "", "  ", "MaX-aGe=60",
                "max-age=60, x=%\"a%ZZ\"", "x=(1,2)"}) {
            assertNull(TargetedField.asCacheControl(invalid), invalid);
        }
        assertNull(CDN.targeted(Headers.of("CDN-Cache-Control", "max-age=10000, &&&&&", "Cache-Control", "no-store")).field());
    }

    @Test
    void aDirectiveOfTheWrongTypeIsNotConsumed() {
        // RFC 9213 §2.1: max-age must be a (non-negative) Integer; the field itself still counts
        assertEquals("", TargetedField.asCacheControl("max-age=\"10000\""));
        assertEquals("no-store", TargetedField.asCacheControl("max-age=1.5, no-store"));
        assertEquals("", TargetedField.asCacheControl("max-age=-5"));
        // a private or no-cache whose value is not a String of field names counts unqualified: stricter
        assertEquals("private, no-cache", TargetedField.asCacheControl("private=1, no-cache=(\"a\")"));
        Headers h = Headers.of("CDN-Cache-Control", "max-age=\"10000\"", "Cache-Control", "max-age=60");
        StoredResponse r = new StoredResponse(200, h, new byte[0], NOW, NOW, Headers.EMPTY, -1, "CDN-Cache-Control");
        assertEquals("CDN-Cache-Control", r.targetedField());
        assertEquals(0, Freshness.freshnessLifetime(r, CDN));
    }
}
