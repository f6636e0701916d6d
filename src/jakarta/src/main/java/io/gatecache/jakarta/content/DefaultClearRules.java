package io.gatecache.jakarta.content;

import io.gatecache.api.CacheClearEvent;
import io.gatecache.api.content.ContentLocation;
import io.gatecache.api.content.ContentModel;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.jakarta.tags.ContentTagging;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;

/**
 * The built-in cache clear observer (seed 001's default listeners, with Ibexa's tag sets): the
 * content's own locations, their parents, the pages that show a relation to it; for tree changes
 * the subtree; for a type its {@code ct}/{@code t} tags; for an entity outside the content model
 * its type and id, and its type alone when it is created or removed (lists of it change). Runs first ({@code LIBRARY_BEFORE}); an application's observers add more.
 * It observes the cache's own {@link ClearEvent}, for the core's purge sets; CDI orders it with the
 * application's observers of {@link CacheClearEvent} by priority, as one event.
 */
@ApplicationScoped
public class DefaultClearRules {

    @Inject
    Instance<ContentModel> models;

    void clear(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) ClearEvent event) {
        ContentTags s = event.contentTags();
        switch (event.change()) {
            // a relation added or removed is cleared as a publish of its source (Ibexa's way)
            case PUBLISHED, RELATION_ADDED, RELATION_REMOVED ->
                    event.addTags(s.published(event.contentId(), locationsOf(event.contentId())));
            case DELETED -> event.addTags(s.contentDeleted(event.contentId(), event.locationIds()));
            case HIDDEN, UNHIDDEN, LOCATION_DELETED -> event.addTags(s.subtreeChanged(event.contentId(), location(event)));
            case LOCATION_CREATED, LOCATION_UPDATED -> event.addTags(s.locationChanged(event.contentId(), location(event)));
            case MOVED -> event.addTags(s.moved(event.locationId(), event.oldParentId(), event.parentId()));
            case CONTENT_TYPE_CHANGED -> event.addTags(s.contentTypeChanged(event.contentTypeId()));
            case ENTITY_PERSISTED, ENTITY_REMOVED -> {
                // lists of the type change
                event.addTag(s.entityType(event.entityType()));
                addEntityTag(event, s);
            }
            case ENTITY_UPDATED -> addEntityTag(event, s);
        }
    }

    private static void addEntityTag(CacheClearEvent event, ContentTags s) {
        if (event.entityId() != null) {
            event.addTag(s.entity(event.entityType(), event.entityId()));
        }
    }

    private static ContentTags.Location location(CacheClearEvent event) {
        return new ContentTags.Location(event.locationId(), event.parentId(), null);
    }

    /** The content's locations as the content model knows them now (after the commit). */
    private List<ContentTags.Location> locationsOf(long contentId) {
        if (!models.isResolvable()) {
            return List.of();
        }
        List<? extends ContentLocation> locations = models.get().locationsOf(contentId);
        return locations.stream().map(ContentTagging::of).toList();
    }
}
