package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9110 §12.5.5 (Vary) and RFC 9111 §4.1 (normalising the nominated request fields). */
class VaryTest {

    @Test
    @Tag("MUST")
    void fieldNamesAreLowerCasedAndDeduplicatedInOrder() {
        // RFC 9110 §12.5.5: Vary = #field-name; field names are case-insensitive
        Vary v = Vary.parse("Accept-Encoding, Accept-Language ,accept-encoding");
        assertEquals(List.of("accept-encoding", "accept-language"), v.fields());
        assertFalse(v.any());
        assertFalse(v.isEmpty());
        // absent or blank: none
        assertSame(Vary.NONE, Vary.parse(null));
        assertSame(Vary.NONE, Vary.parse(" , "));
        assertTrue(Vary.NONE.isEmpty());
    }

    @Test
    @Tag("MUST")
    void starAnywhereInTheListMeansAny() {
        // RFC 9110 §12.5.5: "*" signals that anything about the request might vary the response
        Vary v = Vary.parse("Accept, *");
        assertTrue(v.any());
        assertFalse(v.isEmpty());
    }

    @Test
    @Tag("MAY")
    void normaliseFoldsWhitespaceAndRemovesItAroundCommas() {
        // RFC 9111 §4.1: a cache MAY normalise whitespace so that semantically equal values match
        assertEquals("en gb", Vary.normalise("en \t  gb"));
        assertEquals("gzip,deflate", Vary.normalise(" gzip ,  deflate\t"));
        assertEquals("gzip,deflate", Vary.normalise("gzip,deflate"));
        assertEquals("", Vary.normalise("   "));
    }

    @Test
    @Tag("MUST")
    void normaliseOfAnAbsentFieldIsNull() {
        // RFC 9111 §4.1: an absent field only matches another absent field, so it must stay distinct from ""
        assertNull(Vary.normalise(null));
    }
}
