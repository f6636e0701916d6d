package io.gatecache.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a node wrote apart from the others, kept from the view's losing members to their coming back. */
class WritesApartTest {

    private final WritesApart apart = new WritesApart();

    @Test
    void whatIsWrittenWhileMembersAreMissingIsHandedOverWhenTheyComeBack() {
        apart.viewOf(Set.of("a", "b"));
        apart.record("tag:before", 1, 100);
        assertTrue(apart.viewOf(Set.of("a")).isEmpty(), "a view that lost a member hands nothing over");
        apart.record("tag:t1", 5, 100);
        apart.record("tag:t1", 3, 100);
        apart.tombstone("/u", 6, 600);
        WritesApart.Again again = apart.viewOf(Set.of("a", "b"));
        assertEquals(Map.of("tag:t1", new WritesApart.Write(5, 100)), again.records(),
                "each key's latest, and nothing written before the view lost a member");
        assertEquals(Map.of("/u", new WritesApart.Write(6, 600)), again.tombstones());
        assertEquals(Long.MIN_VALUE, again.clearAt());
        apart.record("tag:after", 7, 100);
        assertTrue(apart.viewOf(Set.of("a", "b", "c")).isEmpty(), "handed over once; what is written together is not kept");
    }

    @Test
    void aNodeWhoseViewOnlyGrewHandsNothingOver() {
        apart.viewOf(Set.of("a"));
        apart.record("tag:t1", 5, 100);
        assertTrue(apart.viewOf(Set.of("a", "b")).isEmpty());
    }

    @Test
    void aPartialReturnHandsOverAndKeepsWhatWasWrittenUntilTheViewIsWholeAgain() {
        apart.viewOf(Set.of("a", "b", "c"));
        apart.viewOf(Set.of("a"));
        apart.record("tag:t1", 5, 100);
        assertEquals(1, apart.viewOf(Set.of("a", "b")).records().size(), "b is back: written again for it");
        assertEquals(1, apart.viewOf(Set.of("a", "b", "d")).records().size(),
                "c came back under another name (a restart): written again for it too");
        assertTrue(apart.viewOf(Set.of("a", "b", "d", "e")).isEmpty(), "the view was whole again: forgotten");
    }

    @Test
    void aWriteThatCouldNotBeMadeAgainIsHandedOverAtTheNextChange() {
        apart.viewOf(Set.of("a", "b"));
        apart.viewOf(Set.of("a"));
        apart.record("tag:t1", 5, 100);
        WritesApart.Again again = apart.viewOf(Set.of("a", "b"));
        apart.notWrittenAgain(false, "tag:t1", again.records().get("tag:t1"));
        assertEquals(Map.of("tag:t1", new WritesApart.Write(5, 100)), apart.viewOf(Set.of("a", "b")).records(),
                "tried again at the next change, whatever it is");
    }

    @Test
    void writesWhoseLifespanIsOverAreForgotten() {
        apart.viewOf(Set.of("a", "b"));
        apart.viewOf(Set.of("a"));
        apart.tombstone("/old", 1, 10);
        apart.record("tag:t1", 100, 1_000);
        WritesApart.Again again = apart.viewOf(Set.of("a", "b"));
        assertEquals(Map.of(), again.tombstones(), "its 10 ms were over before the last write");
        assertEquals(1, again.records().size());
    }

    @Test
    void pastItsBoundAClearAtTheLatestInstantWrittenApartReplacesWhatWasWritten() {
        apart.viewOf(Set.of("a", "b"));
        apart.viewOf(Set.of("a"));
        for (int i = 0; i <= WritesApart.MAX_KEYS; i++) {
            apart.record("tag:" + i, i, -1);
        }
        apart.tombstone("/late", WritesApart.MAX_KEYS + 10, -1);
        WritesApart.Again again = apart.viewOf(Set.of("a", "b"));
        assertTrue(again.records().isEmpty() && again.tombstones().isEmpty());
        assertEquals(WritesApart.MAX_KEYS + 10, again.clearAt());
    }
}
