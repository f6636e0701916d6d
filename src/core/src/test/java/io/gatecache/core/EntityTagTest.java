package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §8.8.3: entity tags and their comparison functions. */
class EntityTagTest {

    @Test
    @Tag("MUST")
    void parsesStrongWeakAndEmptyTags() {
        // RFC 9110 §8.8.3: entity-tag = [ weak ] opaque-tag; opaque-tag = DQUOTE *etagc DQUOTE
        assertEquals(new EntityTag("xyzzy", false), EntityTag.parse("\"xyzzy\""));
        assertEquals(new EntityTag("xyzzy", true), EntityTag.parse(" W/\"xyzzy\" "));
        assertEquals(new EntityTag("", false), EntityTag.parse("\"\""));
        assertEquals("W/\"xyzzy\"", EntityTag.parse("W/\"xyzzy\"").toString());
    }

    @Test
    @Tag("MAY")
    void unquotedTagIsAcceptedLeniently() {
        // documented leniency: some servers send ETag: abc
        assertEquals(new EntityTag("abc", false), EntityTag.parse("abc"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "\"abc", "abc\"", "a b", "a,b", "W/"})
    void malformedTagsAreRejected(String value) {
        assertNull(EntityTag.parse(value));
    }

    @ParameterizedTest(name = "{0} vs {1}: strong={2} weak={3}")
    @Tag("MUST")
    @CsvSource(delimiter = '|', value = {
        "W/\"1\" | W/\"1\" | false | true",
        "W/\"1\" | W/\"2\" | false | false",
        "W/\"1\" | \"1\"   | false | true",
        "\"1\"   | \"1\"   | true  | true"})
    void comparisonFunctionsFollowTheRfcTable(String a, String b, boolean strong, boolean weak) {
        // RFC 9110 §8.8.3.2: the example table of strong and weak comparison (symmetric; nothing matches null)
        EntityTag x = EntityTag.parse(a);
        EntityTag y = EntityTag.parse(b);
        assertEquals(strong, x.strongMatch(y));
        assertEquals(strong, y.strongMatch(x));
        assertEquals(weak, x.weakMatch(y));
        assertEquals(weak, y.weakMatch(x));
        assertFalse(x.weakMatch(null));
    }

    @Test
    @Tag("MUST")
    void listParsingKeepsCommasInsideQuotesAndSkipsNonTags() {
        // RFC 9110 §13.1.2: If-None-Match = "*" / #entity-tag; a comma is a valid etagc; "foo bar" is no tag
        EntityTag.Match m = EntityTag.parseList("\"a,b\", W/\"c\",\"d\", foo bar");
        assertEquals(List.of(new EntityTag("a,b", false), new EntityTag("c", true), new EntityTag("d", false)), m.tags());
        assertFalse(m.any());
        assertTrue(m.isPresent());
        assertFalse(EntityTag.parseList(null).isPresent());
    }

    @Test
    @Tag("MUST")
    void listWeakMatchesIgnoresWeaknessAndStarMatchesAnyTag() {
        // RFC 9110 §13.1.2: If-None-Match uses the weak comparison
        EntityTag.Match m = EntityTag.parseList("W/\"v1\", \"v2\"");
        assertTrue(m.weakMatches(new EntityTag("v1", false)));
        assertTrue(m.weakMatches(new EntityTag("v2", true)));
        assertFalse(m.weakMatches(new EntityTag("v3", false)));
        assertFalse(m.weakMatches(null));
        // "*" matches any current tag
        EntityTag.Match any = EntityTag.parseList(" * ");
        assertTrue(any.any());
        assertTrue(any.weakMatches(new EntityTag("whatever", true)));
    }
}
