package io.gatecache.core.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tag field downstream: its name and separator, each tag once, cut at a tag boundary. */
class TagFieldTest {

    @Test
    void eachNamedFieldHasItsSeparator() {
        assertEquals("a,b", TagField.of("X-Cache-Tags", 0).render(List.of("a", "b")).text());
        assertEquals("a,b", TagField.of("cache-tag", 0).render(List.of("a", "b")).text());
        assertEquals("a b", TagField.of("XKEY", 0).render(List.of("a", "b")).text());
        assertEquals("a b", TagField.of("Surrogate-Key", 0).render(List.of("a", "b")).text());
        assertEquals("xkey", TagField.of("XKEY", 0).name());
        assertFalse(TagField.of("none", 0).on());
        assertFalse(TagField.of(null, 0).on());
        assertThrows(IllegalArgumentException.class, () -> TagField.of("X-Other", 0));
    }

    @Test
    void tagsAreSentOnceWithoutTheCachesOwn() {
        TagField.Value v = TagField.of("xkey", 0).render(List.of("c55", "l22", "c55", "gatecache:fragment-only", "l22"));
        assertEquals("c55 l22", v.text());
        assertFalse(v.cut());
    }

    @Test
    void aTagNoFieldCanCarryIsLeftOutAndCountsAsCut() {
        TagField.Value v = TagField.of("xkey", 0).render(List.of("c55", "é"));
        assertEquals("c55", v.text());
        assertTrue(v.cut(), "a purge of it would miss the copy downstream: its lifetime there is lowered");
        assertEquals(1, v.dropped());
    }

    @Test
    void aValuePastTheMaximumIsCutAfterTheLastWholeTagThatFits() {
        TagField field = TagField.of("X-Cache-Tags", 11);
        TagField.Value v = field.render(List.of("aaa", "bbb", "ccc", "ddd"));
        assertEquals("aaa,bbb,ccc", v.text(), "11 bytes: three tags and their commas");
        assertTrue(v.cut());
        assertEquals(3, v.kept());
        assertEquals(1, v.dropped());
        assertFalse(field.render(List.of("aaa", "bbb", "ccc")).cut(), "exactly the maximum is not cut");
        assertEquals("aaa", TagField.of("xkey", 6).render(List.of("aaa", "bbbb")).text(), "never half a tag");
    }
}
