package io.gatecache.jakarta.content;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes one transaction made, collected as its entities are written, and fired once, after
 * the commit, to the observer that clears them all ({@link ContentClearing}).
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
