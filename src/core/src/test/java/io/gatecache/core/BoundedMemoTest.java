package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What a bounded memo keeps: within its entries and bytes, everything forgotten once a put would pass either. */
class BoundedMemoTest {

    @Test
    void aPutThatWouldPassTheEntriesForgetsEverythingFirst() {
        BoundedMemo<String, String> memo = new BoundedMemo<>(2, Long.MAX_VALUE);
        memo.put("a", "A", 0);
        memo.put("b", "B", 0);
        assertEquals("A", memo.get("a"));
        memo.put("c", "C", 0);
        assertNull(memo.get("a"));
        assertNull(memo.get("b"));
        assertEquals("C", memo.get("c"));
    }

    @Test
    void aPutThatWouldPassTheBytesForgetsEverythingFirstAndARemovalGivesItsBytesBack() {
        BoundedMemo<String, String> memo = new BoundedMemo<>(100, 10);
        memo.put("a", "A", 6);
        memo.remove("a", "other");
        assertEquals("A", memo.get("a"), "only the value kept is removed");
        memo.remove("a", memo.get("a"));
        assertNull(memo.get("a"));
        memo.put("b", "B", 6);
        memo.put("c", "C", 4);
        assertEquals("B", memo.get("b"), "the removed entry's bytes were given back: 10 fit");
        memo.put("d", "D", 1);
        assertNull(memo.get("b"));
        assertNull(memo.get("c"));
        assertEquals("D", memo.get("d"));
    }
}
