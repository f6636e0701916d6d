package io.gatecache.engine;

import io.gatecache.core.Headers;

/**
 * What the front door does with the origin's response, once the engine has decided: replace it
 * with an answer of the cache's, or send it with some fields added, capturing its body for the
 * store when {@link Send#capture()} is set.
 */
sealed interface Reply {

    /** Discard the origin's response and write this answer instead. */
    record Replace(Answer answer) implements Reply {
    }

    /**
     * Send the origin's response with {@code set} set (replacing fields of the same name: Date,
     * the default Cache-Control) and {@code add} added (the status fields, after any an upstream
     * cache sent). With {@code capture}, the body is kept and handed to
     * {@link CacheEngine#complete} (or, when it grows past the limit, given up with
     * {@link CacheEngine#abandon}), which give the status fields to add then.
     */
    record Send(Headers set, Headers add, boolean capture) implements Reply {
    }
}
