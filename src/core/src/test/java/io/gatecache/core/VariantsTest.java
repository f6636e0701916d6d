package io.gatecache.core;

import static io.gatecache.core.Fixtures.NOW;
import static io.gatecache.core.Fixtures.SECOND;
import static io.gatecache.core.Fixtures.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9111 §4.1: selecting a stored response by the request fields its Vary nominates. */
class VariantsTest {

    private static RequestFields req(String... headers) {
        return RequestFields.of(Headers.of(headers));
    }

    /** A stored variant whose variant key was computed from {@code requestHeaders}. */
    private static StoredResponse variant(String vary, long date, long responseTime, String... requestHeaders) {
        Headers h = Headers.of("Vary", vary, "Date", date(date), "Cache-Control", "max-age=60");
        Headers key = Variants.variantKey(Vary.parse(vary), req(requestHeaders));
        return new StoredResponse(200, h, new byte[0], responseTime, responseTime, key);
    }

    @Test
    void variantKeyHoldsTheNormalisedValuesOfPresentNominatedFields() {
        Headers key = Variants.variantKey(Vary.parse("Accept-Encoding, Accept"),
                req("Accept-Encoding", "gzip ,  br", "Accept", "text/html", "Cookie", "x=1"));
        assertEquals("gzip,br", key.first("accept-encoding"));
        assertEquals("text/html", key.first("accept"));
        assertFalse(key.contains("Cookie"));
        // absent fields are omitted; no Vary or Vary: * gives an empty key
        assertEquals(0, Variants.variantKey(Vary.parse("Accept"), req()).size());
        assertSame(Headers.EMPTY, Variants.variantKey(Vary.NONE, req("Accept", "x")));
        assertSame(Headers.EMPTY, Variants.variantKey(Vary.parse("*"), req("Accept", "x")));
    }

    @Test
    @Tag("MAY")
    void matchesWhenNominatedValuesAreEqualAfterNormalisation() {
        // RFC 9111 §4.1: values match after normalisation (here: whitespace around commas)
        StoredResponse v = variant("Accept-Encoding", NOW, NOW, "Accept-Encoding", "gzip, br");
        assertTrue(Variants.matches(v, req("accept-encoding", "gzip,br")));
        assertFalse(Variants.matches(v, req("Accept-Encoding", "br, gzip")));
        // fields Vary does not name play no part
        assertTrue(Variants.matches(v, req("Accept-Encoding", "gzip, br", "User-Agent", "other")));
    }

    @Test
    @Tag("MAY")
    void languageRangesAndContentCodingsMatchWhateverTheirCase() {
        // RFC 4647 §2 (language ranges) and RFC 9110 §8.4.1 (content codings) are case-insensitive;
        // order still counts, as servers may prefer the first of equal ranges
        StoredResponse lang = variant("Accept-Language", NOW, NOW, "Accept-Language", "en, de");
        assertTrue(Variants.matches(lang, req("Accept-Language", "eN, De")));
        assertFalse(Variants.matches(lang, req("Accept-Language", "de, en")));
        StoredResponse coding = variant("Accept-Encoding", NOW, NOW, "Accept-Encoding", "GZIP");
        assertTrue(Variants.matches(coding, req("Accept-Encoding", "gzip")));
        // other fields keep their case (e.g. media type parameters may be case-sensitive)
        StoredResponse other = variant("X-Token", NOW, NOW, "X-Token", "Abc");
        assertFalse(Variants.matches(other, req("X-Token", "abc")));
    }

    @Test
    @Tag("MUST")
    void absentFieldMatchesOnlyAnAbsentField() {
        // RFC 9111 §4.1: a field absent from one request only matches if it is also absent from the other
        StoredResponse absent = variant("Accept-Language", NOW, NOW);
        StoredResponse empty = variant("Accept-Language", NOW, NOW, "Accept-Language", "");
        assertTrue(Variants.matches(absent, req()));
        assertFalse(Variants.matches(absent, req("Accept-Language", "")));
        assertFalse(Variants.matches(empty, req()));
        assertTrue(Variants.matches(empty, req("Accept-Language", "")));
    }

    @Test
    @Tag("MUST")
    void varyStarNeverMatchesAndNoVaryAlwaysMatches() {
        // RFC 9111 §4.1: a Vary value of "*" always fails to match
        assertFalse(Variants.matches(variant("*", NOW, NOW), req()));
        StoredResponse v = new StoredResponse(200, Headers.of("Cache-Control", "max-age=1"), null, NOW, NOW, null);
        assertTrue(Variants.matches(v, req("Accept", "anything")));
    }

    @Test
    @Tag("MUST")
    void selectPrefersTheMostRecentDateThenResponseTime() {
        // RFC 9111 §4.1: when several stored responses match, the most recent (by Date) is used
        StoredResponse older = variant("Accept", NOW - 10 * SECOND, NOW + 5 * SECOND, "Accept", "a");
        StoredResponse newer = variant("Accept", NOW, NOW, "Accept", "a");
        assertSame(newer, Variants.select(List.of(older, newer), req("Accept", "a")));
        assertSame(newer, Variants.select(List.of(newer, older), req("Accept", "a")));
        // equal Dates: the one received later
        StoredResponse later = variant("Accept", NOW, NOW + SECOND, "Accept", "a");
        assertSame(later, Variants.select(List.of(later, newer), req("Accept", "a")));
        assertSame(later, Variants.select(List.of(newer, later), req("Accept", "a")));
        // none matching: null
        assertNull(Variants.select(List.of(older, newer, later), req("Accept", "b")));
        assertNull(Variants.select(List.of(), req()));
    }

    @Test
    void withVariantReplacesTheVariantWithTheSameKey() {
        StoredResponse a1 = variant("Accept", NOW, NOW, "Accept", "a");
        StoredResponse b = variant("Accept", NOW, NOW, "Accept", "b");
        StoredResponse a2 = variant("Accept", NOW + SECOND, NOW + SECOND, "Accept", "a");
        assertEquals(List.of(a2, b), Variants.withVariant(List.of(a1, b), a2, 10));
    }

    @Test
    void withVariantDropsVariantsThatVaryOnOtherFields() {
        // the resource changed what it varies on: the old variants can no longer be selected consistently
        StoredResponse old = variant("Accept", NOW, NOW, "Accept", "a");
        StoredResponse added = variant("Accept-Language", NOW, NOW, "Accept-Language", "en");
        assertEquals(List.of(added), Variants.withVariant(List.of(old), added, 10));
    }

    @Test
    void withVariantKeepsAtMostMaxVariantsNewestFirst() {
        StoredResponse a = variant("Accept", NOW, NOW, "Accept", "a");
        StoredResponse b = variant("Accept", NOW, NOW, "Accept", "b");
        StoredResponse c = variant("Accept", NOW, NOW, "Accept", "c");
        assertEquals(List.of(c, a), Variants.withVariant(List.of(a, b), c, 2));
        assertEquals(List.of(c), Variants.withVariant(null, c, 2));
    }

    @Test
    @Tag("MUST")
    void aVariantAnswersOnlyRequestsForItsOwnOrigin() {
        // the origin is part of every variant key: one path, served under two host names, is two variants
        StoredResponse a = variant("Accept", NOW, NOW, Variants.ORIGIN, "https://a.example", "Accept", "x");
        assertEquals("https://a.example", a.variantKey().first(Variants.ORIGIN));
        assertTrue(Variants.matches(a, req(Variants.ORIGIN, "https://a.example", "Accept", "x")));
        assertFalse(Variants.matches(a, req(Variants.ORIGIN, "https://b.example", "Accept", "x")));
        assertFalse(Variants.matches(a, req("Accept", "x")));
        StoredResponse plain = variant("", NOW, NOW, Variants.ORIGIN, "http://a.example:8080");
        assertTrue(Variants.matches(plain, req(Variants.ORIGIN, "http://a.example:8080")));
        assertFalse(Variants.matches(plain, req(Variants.ORIGIN, "http://a.example")));
    }
}
