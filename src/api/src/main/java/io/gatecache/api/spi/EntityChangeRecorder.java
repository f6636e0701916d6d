package io.gatecache.api.spi;

/**
 * What {@link io.gatecache.api.CacheClearListener} hands the JPA callbacks it receives to: the
 * cache implementation's recorder of entity changes, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.gatecache.api.spi.EntityChangeRecorder} in the implementation's
 * jar). Implemented by the cache, not by applications.
 *
 * <p>Called inside JPA callbacks: an implementation reads only the entity, never the
 * {@code EntityManager}, and does not fail the application's write.
 */
public interface EntityChangeRecorder {

    /** An entity was loaded ({@code @PostLoad}). */
    void loaded(Object entity);

    /** An entity was persisted ({@code @PostPersist}). */
    void persisted(Object entity);

    /** An entity was updated ({@code @PostUpdate}). */
    void updated(Object entity);

    /** An entity was removed ({@code @PostRemove}). */
    void removed(Object entity);
}
