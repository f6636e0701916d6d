package io.gatecache.api;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A change to content (or to any entity) whose cached pages must be cleared: a CDI event fired
 * once the transaction that made the change has committed (never when it rolls back), for each
 * change it made. Observers add tags and locations to its clear list; the lists of one
 * transaction are purged together, once, after the last observer. The built-in observers
 * (priority {@code Interceptor.Priority.LIBRARY_BEFORE}) add the tags Ibexa purges for the
 * change; an application's own observers, ordered by {@code @Priority}, add more:
 *
 * <pre>
 * void sitemap(&#64;Observes CacheClearEvent event) {
 *     if (event.isTreeChange()) {
 *         event.addTag("sitemap");
 *     }
 * }
 * </pre>
 *
 * <p>The cache makes the events (the JPA listener, {@link CachePurger#purgeForContent}); an
 * application observes them, and never fires one of its own. Ids that do not apply to the
 * change are 0.
 */
public interface CacheClearEvent {

    /** What happened. */
    enum Change {
        /** Content written: a new version published ({@link #contentId()}). */
        PUBLISHED,
        /** Content removed ({@link #contentId()}, its {@link #locationIds()} at the time). */
        DELETED,
        /** A location created ({@link #locationId()}, {@link #parentId()}, {@link #contentId()}). */
        LOCATION_CREATED,
        /** A location written, without moving, hiding or unhiding it. */
        LOCATION_UPDATED,
        /** A location moved from {@link #oldParentId()} to {@link #parentId()}. */
        MOVED,
        /** A location hidden. */
        HIDDEN,
        /** A location unhidden. */
        UNHIDDEN,
        /** A location removed. */
        LOCATION_DELETED,
        /** A relation added, from {@link #contentId()} to {@link #relatedContentId()}. */
        RELATION_ADDED,
        /** A relation removed, from {@link #contentId()} to {@link #relatedContentId()}. */
        RELATION_REMOVED,
        /** A content type written or removed ({@link #contentTypeId()}). */
        CONTENT_TYPE_CHANGED,
        /** Another entity persisted ({@link #entityType()}, {@link #entityId()}). */
        ENTITY_PERSISTED,
        /** Another entity written. */
        ENTITY_UPDATED,
        /** Another entity removed. */
        ENTITY_REMOVED
    }

    /** What happened. */
    Change change();

    /** The entity written (detached by now), or null when the event does not come from a write. */
    Object entity();

    /** The content concerned (the relation's source for a relation), or 0. */
    long contentId();

    /** The location concerned, or 0. */
    long locationId();

    /** The location's parent (its new parent after a move), or 0. */
    long parentId();

    /** The parent before a move, or 0. */
    long oldParentId();

    /** A relation's destination content, or 0. */
    long relatedContentId();

    /** The content type concerned, or 0. */
    long contentTypeId();

    /** The locations a deleted content had (removed in the same transaction). */
    List<Long> locationIds();

    /** The JPA entity name of the entity written. */
    String entityType();

    /** The entity's id, or null. */
    Object entityId();

    /** Whether the change alters the tree: a location created, moved, hidden, unhidden or deleted, content deleted. */
    default boolean isTreeChange() {
        return switch (change()) {
            case LOCATION_CREATED, MOVED, HIDDEN, UNHIDDEN, LOCATION_DELETED, DELETED -> true;
            default -> false;
        };
    }

    /** The content tag scheme, with the configured prefix (to build tags: {@code scheme().location(20)}). */
    TagScheme scheme();

    /** Adds a tag to clear, as it is (trimmed; a blank one is ignored). */
    CacheClearEvent addTag(String tag);

    /** Adds tags to clear, as they are. */
    default CacheClearEvent addTags(Collection<String> more) {
        more.forEach(this::addTag);
        return this;
    }

    /** Adds a location to clear: its page ({@code l<id>}). */
    default CacheClearEvent addLocation(long id) {
        return addTag(scheme().location(id));
    }

    /** The clear list so far (a view: it cannot be changed through it). */
    Set<String> tags();
}
