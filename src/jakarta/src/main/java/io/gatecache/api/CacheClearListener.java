package io.gatecache.api;

import io.gatecache.jakarta.content.ChangeRecorder;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * The JPA entity listener that turns writes into {@link CacheClearEvent}s, after the transaction
 * commits. Register it for every entity with the mapping file the extension ships, in
 * {@code persistence.xml}:
 *
 * <pre>
 * &lt;mapping-file&gt;META-INF/gatecache-orm.xml&lt;/mapping-file&gt;
 * </pre>
 *
 * or on chosen entities with {@code @EntityListeners(CacheClearListener.class)}. It uses only the
 * JPA API and the entities themselves, whatever the provider.
 */
public class CacheClearListener {

    @PostLoad
    public void loaded(Object entity) {
        ChangeRecorder.loaded(entity);
    }

    @PostPersist
    public void persisted(Object entity) {
        ChangeRecorder.persisted(entity);
    }

    @PostUpdate
    public void updated(Object entity) {
        ChangeRecorder.updated(entity);
    }

    @PostRemove
    public void removed(Object entity) {
        ChangeRecorder.removed(entity);
    }
}
