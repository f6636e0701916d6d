package io.gatecache.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a node wrote apart from the others, kept from the view's shrinking to its growing again. */
class WritesApartTest {

    private final WritesApart apart = new WritesApart();

    @Test
    void whatIsWrittenWhileTheViewIsSmallerIsHandedOverWhenItGrows() {
        apart.viewOf(2);
        apart.record("tag:before", 1, 100);
        assertTrue(apart.viewOf(1).isEmpty(), "a shrinking view hands nothing over");
        apart.record("tag:t1", 5, 100);
        apart.record("tag:t1", 3, 100);
        apart.tombstone("/u", 6, 600);
        WritesApart.Again again = apart.viewOf(2);
        assertEquals(Map.of("tag:t1", new WritesApart.Write(5, 100)), again.records(),
                "each key's latest, and nothing written before the view shrank");
        assertEquals(Map.of("/u", new WritesApart.Write(6, 600)), again.tombstones());
        assertEquals(Long.MIN_VALUE, again.clearAt());
        apart.record("tag:after", 7, 100);
        assertTrue(apart.viewOf(3).isEmpty(), "handed over once; what is written together is not kept");
    }

    @Test
    void aNodeThatOnlySawItsViewGrowHandsNothingOver() {
        apart.viewOf(1);
        apart.record("tag:t1", 5, 100);
        assertTrue(apart.viewOf(2).isEmpty());
    }

    @Test
    void pastItsBoundAClearAtTheLatestInstantWrittenApartReplacesWhatWasWritten() {
        apart.viewOf(2);
        apart.viewOf(1);
        for (int i = 0; i <= WritesApart.MAX_KEYS; i++) {
            apart.record("tag:" + i, i, 100);
        }
        apart.tombstone("/late", WritesApart.MAX_KEYS + 10, 600);
        WritesApart.Again again = apart.viewOf(2);
        assertTrue(again.records().isEmpty() && again.tombstones().isEmpty());
        assertEquals(WritesApart.MAX_KEYS + 10, again.clearAt());
    }
}
