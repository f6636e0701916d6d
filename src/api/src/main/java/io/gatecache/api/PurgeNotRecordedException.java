package io.gatecache.api;

/**
 * A purge the store could not record for every node sharing it (the store failed, or a node did
 * not answer in time). The purge holds on the node that took it; issuing it again is harmless,
 * and is what the caller should do.
 *
 * <p>Thrown by the cache, never made by an application; an {@link IllegalStateException}, as
 * before there was a type of its own.
 */
public abstract class PurgeNotRecordedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** For the cache implementation's own subclass. */
    protected PurgeNotRecordedException(String message, Throwable cause) {
        super(message, cause);
    }
}
