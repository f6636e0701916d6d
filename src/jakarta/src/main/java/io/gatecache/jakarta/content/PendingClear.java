package io.gatecache.jakarta.content;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes one transaction made, collected as its entities are written: fired once, when the
 * first change is seen, to a transactional observer that clears them all after the commit.
 */
public final class PendingClear {

    private final List<EntityChange> changes = new ArrayList<>();

    synchronized void add(EntityChange change) {
        changes.add(change);
    }

    synchronized List<EntityChange> changes() {
        return List.copyOf(changes);
    }
}
