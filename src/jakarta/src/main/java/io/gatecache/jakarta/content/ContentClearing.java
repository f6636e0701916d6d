package io.gatecache.jakarta.content;

import io.gatecache.api.CacheClearEvent;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import io.gatecache.jakarta.tags.RequestTagger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Smart clearing: once a transaction has committed (never when it rolled back), fires a
 * {@link CacheClearEvent} for each change it made, lets the observers fill the clear lists, and
 * purges the union of them once.
 */
@ApplicationScoped
public class ContentClearing {

    private static final Logger LOG = Logger.getLogger(ContentClearing.class.getName());

    @Inject
    ServletContext context;

    @Inject
    Event<CacheClearEvent> events;

    /** The transaction that made the changes committed: clear them. */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) PendingClear pending) {
        try {
            Set<String> tags = tagsFor(pending.changes());
            purge(tags, pending.changes().size() + " change(s)");
        } catch (RuntimeException e) {
            // the transaction is committed: a failure here is the cache's, logged, never the application's
            LOG.log(Level.WARNING, "Gatecache: could not clear the cache after a commit", e);
        }
    }

    /** The tags the observers collect for some changes. */
    Set<String> tagsFor(List<EntityChange> changes) {
        ContentTags scheme = scheme();
        Set<String> tags = new LinkedHashSet<>();
        for (EntityChange c : changes) {
            List<Long> former = c.kind() != CacheClearEvent.Change.DELETED ? List.of()
                    : changes.stream().filter(o -> o.kind() == CacheClearEvent.Change.LOCATION_DELETED
                            && o.contentId() == c.contentId()).map(EntityChange::locationId).distinct().toList();
            CacheClearEvent event = new CacheClearEvent(c.kind(), c.entity(), c.contentId(), c.locationId(),
                    c.parentId(), c.oldParentId(), c.relatedContentId(), c.contentTypeId(), former, c.entityType(),
                    c.entityId(), scheme);
            events.fire(event);
            tags.addAll(event.tags());
        }
        return tags;
    }

    /** The tags the observers collect for content, as if a new version of it had been published. */
    public Set<String> forContent(long contentId) {
        CacheClearEvent event = new CacheClearEvent(CacheClearEvent.Change.PUBLISHED, null, contentId, 0, 0, 0, 0, 0,
                List.of(), null, contentId, scheme());
        events.fire(event);
        return new LinkedHashSet<>(event.tags());
    }

    private void purge(Set<String> tags, String why) {
        if (tags.isEmpty()) {
            return;
        }
        Object runtime = context.getAttribute(GatecacheRuntime.ATTRIBUTE);
        if (runtime instanceof GatecacheRuntime r) {
            r.engine().purgeTags(tags, false);
            LOG.info(() -> "Gatecache cleared " + tags + " after a commit (" + why + ")");
        }
    }

    private ContentTags scheme() {
        return RequestTagger.scheme(context);
    }
}
