package io.gatecache.engine;

/** What a purge request came to: the status to answer and a line saying what was done. */
public record PurgeResult(int status, String message) {
}
