package io.gatecache.engine;

/**
 * A purge the store could not record for every node sharing it (it failed or timed out): the
 * purge holds on this node; issuing it again is harmless, and is what the caller should do.
 */
public final class PurgeNotRecorded extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PurgeNotRecorded() {
        super("the store could not record the purge for every node; it holds on this one: retry it");
    }
}
