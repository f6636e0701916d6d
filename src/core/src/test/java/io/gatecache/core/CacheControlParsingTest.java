package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9111 §5.2 (Cache-Control syntax) and §1.2.2 (delta-seconds). */
class CacheControlParsingTest {

    @Test
    @Tag("MUST")
    void directiveNamesAreCaseInsensitiveListWhitespaceIsToleratedAndArgumentsMayBeQuoted() {
        // RFC 9111 §5.2: directives are case-insensitive tokens in a comma-separated list with OWS
        CacheControl cc = CacheControl.parse(" MAX-AGE=60 ,\tNo-Store,, S-MaxAge=30 ");
        assertEquals(60, cc.maxAge());
        assertEquals(30, cc.sMaxAge());
        assertTrue(cc.noStore());
        // RFC 9111 §5.2: recipients ought to accept both token and quoted-string forms of an argument
        assertEquals(60, CacheControl.parse("max-age=\"60\"").maxAge());
    }

    @Test
    @Tag("SHOULD")
    void firstOccurrenceOfADuplicatedDirectiveWins() {
        // RFC 9111 §4.2.1: with several max-age values the first occurrence should be used (documented choice)
        assertEquals(10, CacheControl.parse("max-age=10, max-age=20").maxAge());
        // also across field lines, which Headers.get combines in order
        Headers h = Headers.of("Cache-Control", "s-maxage=5", "Cache-Control", "s-maxage=500");
        assertEquals(5, CacheControl.parse(h.get("Cache-Control")).sMaxAge());
    }

    @ParameterizedTest
    @Tag("SHOULD")
    @ValueSource(strings = {"max-age=abc", "max-age=-1", "max-age=1.5", "max-age=+5", "max-age=", "max-age",
            "max-age=5s", "max-age=0x10"})
    void argumentThatIsNotDeltaSecondsIsInvalid(String value) {
        // RFC 9111 §1.2.2: delta-seconds = 1*DIGIT; anything else is INVALID (which freshness treats as stale)
        assertEquals(CacheControl.INVALID, CacheControl.parse(value).maxAge());
    }

    @ParameterizedTest
    @Tag("SHOULD")
    @ValueSource(strings = {"max-age =60", "max-age= 60", "max-age = 60", "max-age\t=60"})
    void whitespaceAroundTheEqualsSignMakesTheArgumentInvalid(String value) {
        // RFC 9111 §5.2: cache-directive = token [ "=" ( token / quoted-string ) ], no whitespace;
        // §4.2.1: invalid freshness information is best treated as stale
        assertEquals(CacheControl.INVALID, CacheControl.parse(value).maxAge());
        assertTrue(CacheControl.parse(value).has("max-age"));
    }

    @Test
    @Tag("MUST")
    void deltaSecondsLargerThan2Pow31IsCappedAt2Pow31() {
        // RFC 9111 §1.2.2: a value greater than the largest representable integer is 2^31 = 2147483648
        assertEquals(2_147_483_648L, CacheControl.parse("max-age=99999999999999999999999").maxAge());
        assertEquals(2_147_483_647L, CacheControl.parse("max-age=2147483647").maxAge());
        assertEquals(2_147_483_648L, CacheControl.parse("max-age=2147483649").maxAge());
    }

    @Test
    @Tag("MUST")
    void absentDirectivesAndEmptyValues() {
        CacheControl cc = CacheControl.parse("public");
        assertEquals(CacheControl.ABSENT, cc.maxAge());
        assertEquals(CacheControl.ABSENT, cc.sMaxAge());
        assertEquals(CacheControl.ABSENT, cc.maxStale());
        assertFalse(cc.noCache());
        assertTrue(cc.isPublic());
        assertTrue(CacheControl.parse(null).isEmpty());
        assertTrue(CacheControl.parse("  ,  , ").isEmpty());
    }

    @Test
    @Tag("MUST")
    void qualifiedNoCacheListsItsFieldNamesLowerCased() {
        // RFC 9111 §5.2.2.4: no-cache="field-name, ..." limits no-cache to the named fields: the
        // rest of the response is reusable without validation
        CacheControl cc = CacheControl.parse("no-cache=\"Set-Cookie, X-Token\", max-age=60");
        assertFalse(cc.noCache());
        assertTrue(CacheControl.parse("No-Cache, max-age=60").noCache());
        assertEquals(List.of("set-cookie", "x-token"), cc.noCacheFields());
        assertEquals(60, cc.maxAge());
        assertEquals(List.of(), CacheControl.parse("no-cache, private").noCacheFields());
        assertEquals(List.of(), CacheControl.parse("no-cache, private").privateFields());
    }

    @Test
    @Tag("MUST")
    void commaInsideQuotedPrivateArgumentDoesNotEndTheDirective() {
        // RFC 9111 §5.2.2.7: private="a, b"; the following directive must still be seen
        CacheControl cc = CacheControl.parse("private=\"Authorization, X-User\", s-maxage=30");
        assertTrue(cc.isPrivate());
        assertEquals(List.of("authorization", "x-user"), cc.privateFields());
        assertEquals(30, cc.sMaxAge());
    }

    @Test
    @Tag("MAY")
    void maxStaleWithoutArgumentAcceptsAnyStaleness() {
        // RFC 9111 §5.2.1.2: max-stale with no value means a stale response of any age is acceptable
        assertEquals(CacheControl.DELTA_SECONDS_MAX, CacheControl.parse("max-stale").maxStale());
        assertEquals(30, CacheControl.parse("max-stale=30").maxStale());
        assertEquals(CacheControl.INVALID, CacheControl.parse("max-stale=soon").maxStale());
    }

    @Test
    @Tag("MUST")
    void otherStandardAndExtensionDirectivesAreRecognised() {
        CacheControl cc = CacheControl.parse(
                "proxy-revalidate, must-understand, only-if-cached, stale-while-revalidate=5, stale-if-error=7, min-fresh=3");
        assertTrue(cc.proxyRevalidate());
        assertTrue(cc.mustUnderstand());
        assertTrue(cc.onlyIfCached());
        assertFalse(cc.mustRevalidate());
        assertEquals(5, cc.staleWhileRevalidate());
        assertEquals(7, cc.staleIfError());
        assertEquals(3, cc.minFresh());
        // RFC 9111 §5.2.3: unknown directives are kept and do not break parsing; RFC 9110 §5.6.4: quoted-pair
        CacheControl ext = CacheControl.parse("community=\"U\\\"CI\", x-flag, max-age=9");
        assertEquals("U\"CI", ext.argument("community"));
        assertEquals("", ext.argument("x-flag"));
        assertNull(ext.argument("no-store"));
        assertEquals(9, ext.maxAge());
    }
}
