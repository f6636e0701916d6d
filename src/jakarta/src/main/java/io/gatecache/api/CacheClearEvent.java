package io.gatecache.api;

import io.gatecache.core.tags.ContentTags;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
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
 */
public final class CacheClearEvent {

    /** What happened. */
    public enum Change {
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

    private final Change change;
    private final Object entity;
    private final long contentId;
    private final long locationId;
    private final long parentId;
    private final long oldParentId;
    private final long relatedContentId;
    private final long contentTypeId;
    private final List<Long> locationIds;
    private final String entityType;
    private final Object entityId;
    private final ContentTags scheme;
    private final Set<String> tags = new LinkedHashSet<>();

    /**
     * Made by the cache (the JPA listener, {@link CachePurger#purgeForContent}); ids that do not
     * apply to the change are 0.
     */
    public CacheClearEvent(Change change, Object entity, long contentId, long locationId, long parentId,
            long oldParentId, long relatedContentId, long contentTypeId, List<Long> locationIds, String entityType,
            Object entityId, ContentTags scheme) {
        this.change = change;
        this.entity = entity;
        this.contentId = contentId;
        this.locationId = locationId;
        this.parentId = parentId;
        this.oldParentId = oldParentId;
        this.relatedContentId = relatedContentId;
        this.contentTypeId = contentTypeId;
        this.locationIds = locationIds == null ? List.of() : List.copyOf(locationIds);
        this.entityType = entityType;
        this.entityId = entityId;
        this.scheme = scheme;
    }

    public Change change() {
        return change;
    }

    /** The entity written (detached by now), or null when the event does not come from a write. */
    public Object entity() {
        return entity;
    }

    /** The content concerned (the relation's source for a relation), or 0. */
    public long contentId() {
        return contentId;
    }

    /** The location concerned, or 0. */
    public long locationId() {
        return locationId;
    }

    /** The location's parent (its new parent after a move), or 0. */
    public long parentId() {
        return parentId;
    }

    /** The parent before a move, or 0. */
    public long oldParentId() {
        return oldParentId;
    }

    /** A relation's destination content, or 0. */
    public long relatedContentId() {
        return relatedContentId;
    }

    /** The content type concerned, or 0. */
    public long contentTypeId() {
        return contentTypeId;
    }

    /** The locations a deleted content had (removed in the same transaction). */
    public List<Long> locationIds() {
        return locationIds;
    }

    /** The JPA entity name of the entity written. */
    public String entityType() {
        return entityType;
    }

    /** The entity's id, or null. */
    public Object entityId() {
        return entityId;
    }

    /** Whether the change alters the tree: a location created, moved, hidden, unhidden or deleted, content deleted. */
    public boolean isTreeChange() {
        return switch (change) {
            case LOCATION_CREATED, MOVED, HIDDEN, UNHIDDEN, LOCATION_DELETED, DELETED -> true;
            default -> false;
        };
    }

    /** The content tag scheme, with the configured prefix (to build tags: {@code scheme().location(20)}). */
    public ContentTags scheme() {
        return scheme;
    }

    /** Adds a tag to clear, as it is. */
    public CacheClearEvent addTag(String tag) {
        if (tag != null && !tag.isBlank()) {
            tags.add(tag.trim());
        }
        return this;
    }

    /** Adds tags to clear, as they are. */
    public CacheClearEvent addTags(Collection<String> more) {
        more.forEach(this::addTag);
        return this;
    }

    /** Adds a location to clear: its page ({@code l<id>}). */
    public CacheClearEvent addLocation(long id) {
        return addTag(scheme.location(id));
    }

    /** The clear list so far. */
    public Set<String> tags() {
        return Collections.unmodifiableSet(tags);
    }
}
