package io.gatecache.jakarta.content;

import io.gatecache.api.CacheClearEvent;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.jakarta.tags.ContentTagScheme;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link CacheClearEvent} the cache fires: one change and its clear list. Observers of
 * {@code CacheClearEvent} receive it (CDI delivers an event to the observers of its supertypes);
 * the built-in observer takes it as it is, for the core's purge sets ({@link #contentTags()}).
 */
public final class ClearEvent implements CacheClearEvent {

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
    private final ContentTags contentTags;
    private final ContentTagScheme scheme;
    private final Set<String> tags = new LinkedHashSet<>();

    /** A change a transaction made; {@code locationIds}: a deleted content's former locations. */
    ClearEvent(EntityChange c, List<Long> locationIds, ContentTags contentTags) {
        this(c.kind(), c.entity(), c.contentId(), c.locationId(), c.parentId(), c.oldParentId(), c.relatedContentId(),
                c.contentTypeId(), locationIds, c.entityType(), c.entityId(), contentTags);
    }

    /** Content as if a new version of it had been published, by no write. */
    static ClearEvent published(long contentId, ContentTags contentTags) {
        return new ClearEvent(Change.PUBLISHED, null, contentId, 0, 0, 0, 0, 0, List.of(), null, contentId,
                contentTags);
    }

    private ClearEvent(Change change, Object entity, long contentId, long locationId, long parentId, long oldParentId,
            long relatedContentId, long contentTypeId, List<Long> locationIds, String entityType, Object entityId,
            ContentTags contentTags) {
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
        this.contentTags = contentTags;
        this.scheme = new ContentTagScheme(contentTags);
    }

    @Override
    public Change change() {
        return change;
    }

    @Override
    public Object entity() {
        return entity;
    }

    @Override
    public long contentId() {
        return contentId;
    }

    @Override
    public long locationId() {
        return locationId;
    }

    @Override
    public long parentId() {
        return parentId;
    }

    @Override
    public long oldParentId() {
        return oldParentId;
    }

    @Override
    public long relatedContentId() {
        return relatedContentId;
    }

    @Override
    public long contentTypeId() {
        return contentTypeId;
    }

    @Override
    public List<Long> locationIds() {
        return locationIds;
    }

    @Override
    public String entityType() {
        return entityType;
    }

    @Override
    public Object entityId() {
        return entityId;
    }

    @Override
    public ContentTagScheme scheme() {
        return scheme;
    }

    /** The content tag scheme with its purge sets. */
    ContentTags contentTags() {
        return contentTags;
    }

    @Override
    public ClearEvent addTag(String tag) {
        if (tag != null && !tag.isBlank()) {
            tags.add(tag.trim());
        }
        return this;
    }

    @Override
    public Set<String> tags() {
        return Collections.unmodifiableSet(tags);
    }

    @Override
    public String toString() {
        return change + " of " + entityType + " " + entityId + ": " + tags;
    }
}
