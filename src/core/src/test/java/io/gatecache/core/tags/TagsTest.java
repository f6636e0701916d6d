package io.gatecache.core.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagsTest {

    @Test
    void commasSpacesOrBothSeparateTags() {
        assertEquals(List.of("a", "b", "c", "d"), List.copyOf(Tags.parse("a,b c ,  d")));
        assertEquals(List.of("ez-all", "c52", "ct42"), List.copyOf(Tags.parse("ez-all c52 ct42")));
    }

    @Test
    void nothingOrOnlySeparatorsIsNoTag() {
        assertTrue(Tags.parse(null).isEmpty());
        assertTrue(Tags.parse(" , ,").isEmpty());
    }

    @Test
    void controlAndNonAsciiCharactersEndATagAndAreDropped() {
        assertEquals(Set.of("a", "b", "c"), Tags.parse("a\tb\u00e9c"));
        assertEquals(Set.of("x"), Tags.parse("x\u0000"));
    }

    @Test
    void tagsTooManyOrTooLongDoNotFit() {
        assertTrue(Tags.fits(Set.of("ok", "x".repeat(Tags.MAX_TAG_LENGTH))));
        assertFalse(Tags.fits(Tags.parse("ok " + "x".repeat(Tags.MAX_TAG_LENGTH + 1))));
        Set<String> many = new java.util.HashSet<>();
        for (int i = 0; i <= Tags.MAX_TAGS; i++) {
            many.add("t" + i);
        }
        assertFalse(Tags.fits(many));
    }

    @Test
    void theConfiguredHeaderAndTheThreeDialectsCarryTags() {
        assertTrue(Tags.isTagHeader("x-cache-tags", "X-Cache-Tags"));
        assertTrue(Tags.isTagHeader("XKEY", "X-Cache-Tags"));
        assertTrue(Tags.isTagHeader("surrogate-key", "X-Cache-Tags"));
        assertTrue(Tags.isTagHeader("X-Tags", "X-Tags"));
        assertFalse(Tags.isTagHeader("X-Tags", "X-Cache-Tags"));
    }

    @Test
    void formatUsesTheHeadersSeparator() {
        assertEquals("a,b", Tags.format(List.of("a", "b"), "X-Cache-Tags"));
        assertEquals("a b", Tags.format(List.of("a", "b"), "xkey"));
    }
}
