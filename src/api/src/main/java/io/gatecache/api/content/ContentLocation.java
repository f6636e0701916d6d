package io.gatecache.api.content;

import java.util.List;

/**
 * An entity that is a location of content in the tree (Ibexa's Location). A change of its parent
 * is a move, of {@link #hidden()} a hide or unhide; creating, updating or removing it otherwise
 * purges it, its content and its parent.
 */
public interface ContentLocation {

    /** The location id ({@code l<id>}). */
    long locationId();

    /** The parent location's id, or 0 for a root. */
    long parentLocationId();

    /** The id of the content shown at this location. */
    long contentId();

    /** Whether the location is hidden. */
    default boolean hidden() {
        return false;
    }

    /** The location ids from the root down to this one ({@code p<id>} each); by default only this one. */
    default List<Long> path() {
        return List.of(locationId());
    }
}
