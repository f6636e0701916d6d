package io.gatecache.jakarta.content;

import io.gatecache.api.CacheClearEvent.Change;
import io.gatecache.api.content.ContentItem;
import io.gatecache.api.content.ContentLocation;
import io.gatecache.api.content.ContentRelation;
import io.gatecache.api.content.ContentType;
import io.gatecache.api.spi.EntityChangeRecorder;
import io.gatecache.jakarta.tags.ContentTagging;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What the JPA entity listener ({@link io.gatecache.api.CacheClearListener}, which finds this class
 * with {@link java.util.ServiceLoader}) does, without depending on the persistence provider: it reads the
 * entity itself (never the EntityManager, which a JPA callback must not use), records the change
 * for the current transaction, and fires the transaction's {@link PendingClear} once it has
 * committed, to the observer that clears.
 *
 * <p>A location's parent and hidden flag are remembered when it is loaded or written, so that a
 * later write can tell a move or a hide from a plain update. The state is this class's, whatever
 * the number of instances the listener's look-up makes.
 */
public final class ChangeRecorder implements EntityChangeRecorder {

    private static final Logger LOG = Logger.getLogger(ChangeRecorder.class.getName());
    private static final Object RESOURCE_KEY = ChangeRecorder.class;

    /** A location's parent and hidden flag as last loaded or written. */
    private record Snapshot(long parentId, boolean hidden) {
    }

    /** Snapshots by entity instance (identity, not equals: two instances of one row are two entries), held weakly. */
    private static final Map<Identity, Snapshot> SNAPSHOTS = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Object> GONE = new ReferenceQueue<>();

    /** An entity instance as a weakly held key, compared by identity. */
    private static final class Identity extends WeakReference<Object> {
        private final int hash;

        Identity(Object entity, ReferenceQueue<Object> queue) {
            super(entity, queue);
            this.hash = System.identityHashCode(entity);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Identity other && other.get() != null && other.get() == get();
        }
    }

    private static void remember(Object entity, Snapshot snapshot) {
        for (Object gone; (gone = GONE.poll()) != null;) {
            SNAPSHOTS.remove(gone);
        }
        SNAPSHOTS.put(new Identity(entity, GONE), snapshot);
    }

    private static Snapshot snapshot(Object entity) {
        return SNAPSHOTS.get(new Identity(entity, null));
    }
    private static volatile TransactionSynchronizationRegistry registry;
    private static volatile boolean noRegistry;
    private static volatile boolean warnedUntransacted;

    /** For {@link java.util.ServiceLoader}. */
    public ChangeRecorder() {
    }

    @Override
    public void loaded(Object entity) {
        if (entity instanceof ContentLocation l) {
            remember(entity, new Snapshot(l.parentLocationId(), l.hidden()));
        }
    }

    @Override
    public void persisted(Object entity) {
        loaded(entity);
        record(entity, Kind.PERSIST);
    }

    @Override
    public void updated(Object entity) {
        record(entity, Kind.UPDATE);
        loaded(entity);
    }

    @Override
    public void removed(Object entity) {
        record(entity, Kind.REMOVE);
        SNAPSHOTS.remove(new Identity(entity, null));
    }

    private enum Kind {
        PERSIST, UPDATE, REMOVE
    }

    private static void record(Object entity, Kind kind) {
        try {
            for (EntityChange change : changes(entity, kind)) {
                pending(change);
            }
        } catch (RuntimeException e) {
            // the write goes on: a cache that cannot clear must not fail the application's transaction
            LOG.log(Level.WARNING, "Gatecache: could not record a change of " + entity.getClass().getName()
                    + " for cache clearing", e);
        }
    }

    /** The changes a write is: none when the entity is of no interest, a move and a hide at once maybe. */
    static List<EntityChange> changes(Object entity, Kind kind) {
        String type = ContentTagging.entityName(entity.getClass());
        if (entity instanceof ContentLocation l) {
            Snapshot before = snapshot(entity);
            List<Change> kinds = new ArrayList<>(2);
            switch (kind) {
                case PERSIST -> kinds.add(Change.LOCATION_CREATED);
                case REMOVE -> kinds.add(Change.LOCATION_DELETED);
                case UPDATE -> {
                    if (before != null && before.parentId() != l.parentLocationId()) {
                        kinds.add(Change.MOVED);
                    }
                    if (before != null && before.hidden() != l.hidden()) {
                        kinds.add(l.hidden() ? Change.HIDDEN : Change.UNHIDDEN);
                    }
                    if (kinds.isEmpty()) {
                        kinds.add(Change.LOCATION_UPDATED);
                    }
                }
            }
            return kinds.stream().map(c -> new EntityChange(c, entity, l.contentId(), l.locationId(),
                    l.parentLocationId(), c == Change.MOVED ? before.parentId() : 0, 0, 0, type, l.locationId()))
                    .toList();
        }
        return single(entity, kind, type);
    }

    private static List<EntityChange> single(Object entity, Kind kind, String type) {
        EntityChange c = change(entity, kind, type);
        return c == null ? List.of() : List.of(c);
    }

    private static EntityChange change(Object entity, Kind kind, String type) {
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
     * Adds a change to the current transaction's pending clear, made with its first change, and
     * fired when the transaction has committed (an interposed synchronization of its own: the
     * writes are flushed while the transaction completes, when WildFly no longer takes the
     * synchronization of a CDI transactional observer); nothing on rollback. Outside a
     * transaction, the change alone is fired, and the observer clears it at once.
     */
    private static void pending(EntityChange change) {
        TransactionSynchronizationRegistry tsr = registry();
        if (tsr == null || tsr.getTransactionKey() == null) {
            if (!warnedUntransacted) {
                warnedUntransacted = true;
                LOG.warning("Gatecache: an entity was written outside a JTA transaction; its cache clear happens at"
                        + " the write, before any commit (and even if it is rolled back)");
            }
            PendingClear alone = new PendingClear();
            alone.add(change);
            fire(alone);
            return;
        }
        PendingClear pending = (PendingClear) tsr.getResource(RESOURCE_KEY);
        if (pending == null) {
            PendingClear first = new PendingClear();
            first.add(change);
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // the changes are known once the transaction is over
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        fire(first);
                    }
                }
            });
            // remembered only once registered: a failure leaves the next change to try again
            tsr.putResource(RESOURCE_KEY, first);
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
