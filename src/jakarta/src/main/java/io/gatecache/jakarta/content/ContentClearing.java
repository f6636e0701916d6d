package io.gatecache.jakarta.content;

import io.gatecache.api.CacheClearEvent;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.engine.PurgeSource;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import io.gatecache.jakarta.tags.ContentTagging;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Smart clearing: once a transaction has committed (never when it rolled back), fires a
 * {@link CacheClearEvent} (a {@link ClearEvent}, which its observers receive) for each change it
 * made, lets the observers fill the clear lists, and purges the union of them once.
 */
@ApplicationScoped
public class ContentClearing {

    private static final Logger LOG = Logger.getLogger(ContentClearing.class.getName());

    @Inject
    ServletContext context;

    @Inject
    Event<ClearEvent> events;

    /** How long the committing thread waits for the clear (it normally takes milliseconds). */
    static final long CLEAR_TIMEOUT_SECONDS = 30;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    /**
     * The transaction that made the changes committed: clear them. This runs while the
     * transaction completes, when it is still the thread's (Payara refuses the datasource then),
     * so the observers run on a managed thread of their own, outside any transaction, free to
     * read the content model; the committing thread waits for them, so the purge has landed
     * before the application answers.
     */
    void afterCommit(@Observes PendingClear pending) {
        GatecacheRuntime runtime = GatecacheRuntime.of(context);
        if (runtime == null) {
            LOG.warning(() -> "Gatecache: " + pending.changes().size() + " change(s) committed, and no cache of this"
                    + " application to clear (not running, or several web modules to choose from)");
            return;
        }
        Runnable clear = () -> purge(runtime, tagsFor(pending.changes(), ContentTagging.scheme(runtime)),
                pending.changes().size() + " change(s)");
        try {
            if (executor == null) {
                clear.run();
            } else {
                executor.submit(clear).get(CLEAR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "Gatecache: interrupted while clearing the cache after a commit", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the transaction is committed: a failure here is the cache's, logged, never the application's
            LOG.log(Level.WARNING, "Gatecache: could not clear the cache after a commit",
                    e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /** The tags the observers collect for some changes. */
    Set<String> tagsFor(List<EntityChange> changes, ContentTags scheme) {
        Set<String> tags = new LinkedHashSet<>();
        for (EntityChange c : changes) {
            List<Long> former = c.kind() != CacheClearEvent.Change.DELETED ? List.of()
                    : changes.stream().filter(o -> o.kind() == CacheClearEvent.Change.LOCATION_DELETED
                            && o.contentId() == c.contentId()).map(EntityChange::locationId).distinct().toList();
            ClearEvent event = new ClearEvent(c, former, scheme);
            try {
                events.fire(event);
            } catch (RuntimeException e) {
                // one observer's failure loses none of the tags the others gave
                LOG.log(Level.WARNING, "Gatecache: a cache clear observer failed on " + c.kind() + " of "
                        + c.entityType() + "; clearing what was collected", e);
            }
            tags.addAll(event.tags());
        }
        return tags;
    }

    /** The tags the observers collect for content, as if a new version of it had been published. */
    public Set<String> forContent(long contentId) {
        ClearEvent event = ClearEvent.published(contentId, ContentTagging.scheme(GatecacheRuntime.of(context)));
        events.fire(event);
        return new LinkedHashSet<>(event.tags());
    }

    private static void purge(GatecacheRuntime runtime, Set<String> tags, String why) {
        if (tags.isEmpty()) {
            return;
        }
        runtime.engine().purger().from(PurgeSource.JPA).purgeTags(tags, false);
        LOG.info(() -> "Gatecache cleared " + tags + " after a commit (" + why + ")");
    }
}
