package io.gatecache.jakarta.content;

import io.gatecache.api.CacheClearEvent.Change;
import io.gatecache.api.content.ContentItem;
import io.gatecache.api.content.ContentLocation;
import io.gatecache.api.content.ContentRelation;
import io.gatecache.api.content.ContentType;
import io.gatecache.jakarta.tags.ContentTagging;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What the JPA entity listener does, without depending on the persistence provider: it reads the
 * entity itself (never the EntityManager, which a JPA callback must not use), records the change
 * for the current transaction, and once per transaction fires {@link PendingClear} to the
 * transactional observer that clears after the commit.
 *
 * <p>A location's parent and hidden flag are remembered when it is loaded or written, so that a
 * later write can tell a move or a hide from a plain update.
 */
public final class ChangeRecorder {

    private static final Logger LOG = Logger.getLogger(ChangeRecorder.class.getName());
    private static final Object RESOURCE_KEY = ChangeRecorder.class;

    /** A location's parent and hidden flag as last loaded or written. */
    private record Snapshot(long parentId, boolean hidden) {
    }

    private static final Map<Object, Snapshot> SNAPSHOTS = Collections.synchronizedMap(new WeakHashMap<>());
    private static volatile TransactionSynchronizationRegistry registry;
    private static volatile boolean noRegistry;

    private ChangeRecorder() {
    }

    /** An entity was loaded. */
    public static void loaded(Object entity) {
        if (entity instanceof ContentLocation l) {
            SNAPSHOTS.put(entity, new Snapshot(l.parentLocationId(), l.hidden()));
        }
    }

    /** An entity was persisted. */
    public static void persisted(Object entity) {
        loaded(entity);
        record(entity, Kind.PERSIST);
    }

    /** An entity was updated. */
    public static void updated(Object entity) {
        record(entity, Kind.UPDATE);
        loaded(entity);
    }

    /** An entity was removed. */
    public static void removed(Object entity) {
        record(entity, Kind.REMOVE);
        SNAPSHOTS.remove(entity);
    }

    private enum Kind {
        PERSIST, UPDATE, REMOVE
    }

    private static void record(Object entity, Kind kind) {
        try {
            EntityChange change = change(entity, kind);
            if (change != null) {
                pending(change);
            }
        } catch (RuntimeException e) {
            // the write goes on: a cache that cannot clear must not fail the application's transaction
            LOG.log(Level.WARNING, "Gatecache: could not record a change of " + entity.getClass().getName()
                    + " for cache clearing", e);
        }
    }

    /** The change a write is, or null when the entity is of no interest. */
    static EntityChange change(Object entity, Kind kind) {
        String type = ContentTagging.entityName(entity.getClass());
        if (entity instanceof ContentLocation l) {
            Snapshot before = SNAPSHOTS.get(entity);
            Change c = switch (kind) {
                case PERSIST -> Change.LOCATION_CREATED;
                case REMOVE -> Change.LOCATION_DELETED;
                case UPDATE -> before != null && before.parentId() != l.parentLocationId() ? Change.MOVED
                        : before != null && before.hidden() != l.hidden()
                                ? (l.hidden() ? Change.HIDDEN : Change.UNHIDDEN)
                                : Change.LOCATION_UPDATED;
            };
            long oldParent = c == Change.MOVED ? before.parentId() : 0;
            return new EntityChange(c, entity, l.contentId(), l.locationId(), l.parentLocationId(), oldParent, 0, 0,
                    type, l.locationId());
        }
        if (entity instanceof ContentItem item) {
            Change c = kind == Kind.REMOVE ? Change.DELETED : Change.PUBLISHED;
            return new EntityChange(c, entity, item.contentId(), 0, 0, 0, 0, item.contentTypeId(), type,
                    item.contentId());
        }
        if (entity instanceof ContentRelation r) {
            if (kind == Kind.UPDATE) {
                return new EntityChange(Change.RELATION_ADDED, entity, r.sourceContentId(), 0, 0, 0,
                        r.destinationContentId(), 0, type, null);
            }
            Change c = kind == Kind.PERSIST ? Change.RELATION_ADDED : Change.RELATION_REMOVED;
            return new EntityChange(c, entity, r.sourceContentId(), 0, 0, 0, r.destinationContentId(), 0, type, null);
        }
        if (entity instanceof ContentType t) {
            return new EntityChange(Change.CONTENT_TYPE_CHANGED, entity, 0, 0, 0, 0, 0, t.contentTypeId(), type,
                    t.contentTypeId());
        }
        if (ContentTagging.isEntity(entity.getClass())) {
            Change c = switch (kind) {
                case PERSIST -> Change.ENTITY_PERSISTED;
                case UPDATE -> Change.ENTITY_UPDATED;
                case REMOVE -> Change.ENTITY_REMOVED;
            };
            return new EntityChange(c, entity, 0, 0, 0, 0, 0, 0, type, ContentTagging.entityId(entity));
        }
        return null;
    }

    /**
     * Adds a change to the current transaction's pending clear, made (and fired to the
     * transactional observer) with its first change; outside a transaction, the change alone is
     * fired, and the observer clears it at once.
     */
    private static void pending(EntityChange change) {
        TransactionSynchronizationRegistry tsr = registry();
        if (tsr == null || tsr.getTransactionKey() == null) {
            PendingClear alone = new PendingClear();
            alone.add(change);
            fire(alone);
            return;
        }
        PendingClear pending = (PendingClear) tsr.getResource(RESOURCE_KEY);
        if (pending == null) {
            pending = new PendingClear();
            pending.add(change);
            tsr.putResource(RESOURCE_KEY, pending);
            fire(pending);
        } else {
            pending.add(change);
        }
    }

    private static void fire(PendingClear pending) {
        CDI.current().getBeanManager().getEvent().select(PendingClear.class).fire(pending);
    }

    private static TransactionSynchronizationRegistry registry() {
        if (registry == null && !noRegistry) {
            try {
                registry = (TransactionSynchronizationRegistry) new InitialContext()
                        .lookup("java:comp/TransactionSynchronizationRegistry");
            } catch (NamingException | RuntimeException e) {
                noRegistry = true;
                LOG.log(Level.INFO, "Gatecache: no JTA transaction registry; cache clears happen at each write", e);
            }
        }
        return registry;
    }
}
