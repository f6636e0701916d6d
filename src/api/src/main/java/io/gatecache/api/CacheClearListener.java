package io.gatecache.api;

import io.gatecache.api.spi.EntityChangeRecorder;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JPA entity listener that turns writes into {@link CacheClearEvent}s, after the transaction
 * commits. Register it for every entity with the mapping file the implementation
 * ({@code gatecache-jakarta}) ships, in {@code persistence.xml}:
 *
 * <pre>
 * &lt;mapping-file&gt;META-INF/gatecache-orm.xml&lt;/mapping-file&gt;
 * </pre>
 *
 * or on chosen entities with {@code @EntityListeners(CacheClearListener.class)}. It uses only the
 * JPA API and the entities themselves, whatever the provider.
 *
 * <p>It hands each callback to the implementation's {@link EntityChangeRecorder}, found once with
 * {@link ServiceLoader} in the class loader that loaded this class (the application's, when both
 * jars are in it), else in the thread's context class loader. Without an implementation it
 * records nothing, and says so once in the log.
 */
public class CacheClearListener {

    @PostLoad
    public void loaded(Object entity) {
        Recorder.INSTANCE.loaded(entity);
    }

    @PostPersist
    public void persisted(Object entity) {
        Recorder.INSTANCE.persisted(entity);
    }

    @PostUpdate
    public void updated(Object entity) {
        Recorder.INSTANCE.updated(entity);
    }

    @PostRemove
    public void removed(Object entity) {
        Recorder.INSTANCE.removed(entity);
    }

    /** The implementation's recorder, looked up once, when the first callback arrives. */
    private static final class Recorder {

        static final EntityChangeRecorder INSTANCE = find();

        private static EntityChangeRecorder find() {
            EntityChangeRecorder found = first(CacheClearListener.class.getClassLoader());
            if (found == null) {
                found = first(Thread.currentThread().getContextClassLoader());
            }
            if (found == null) {
                Logger.getLogger(CacheClearListener.class.getName()).warning("Gatecache: no "
                        + EntityChangeRecorder.class.getName() + " on the class path (is gatecache-jakarta in the"
                        + " application?): entity writes clear nothing from the cache");
                return new EntityChangeRecorder() {
                    @Override
                    public void loaded(Object entity) {
                    }

                    @Override
                    public void persisted(Object entity) {
                    }

                    @Override
                    public void updated(Object entity) {
                    }

                    @Override
                    public void removed(Object entity) {
                    }
                };
            }
            return found;
        }

        private static EntityChangeRecorder first(ClassLoader loader) {
            if (loader == null) {
                return null;
            }
            try {
                Iterator<EntityChangeRecorder> all = ServiceLoader.load(EntityChangeRecorder.class, loader).iterator();
                return all.hasNext() ? all.next() : null;
            } catch (ServiceConfigurationError e) {
                Logger.getLogger(CacheClearListener.class.getName()).log(Level.WARNING,
                        "Gatecache: cannot load the " + EntityChangeRecorder.class.getName() + " of " + loader, e);
                return null;
            }
        }
    }
}
