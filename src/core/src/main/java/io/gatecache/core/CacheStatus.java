package io.gatecache.core;

/**
 * The outcome reported in the status header ({@code X-Cache}), in the meanings a CDN user knows.
 */
public enum CacheStatus {
    /** Found in the store, fresh, answered from it. */
    HIT,
    /** Not in the store; answered by the origin. */
    MISS,
    /** Found but expired; the origin answered with a full response. */
    EXPIRED,
    /** Answered from the store although stale (stale-while-revalidate, stale-if-error, max-stale). */
    STALE,
    /** Headers forbade caching (no-store, private, no-cache without validator, Set-Cookie, ...). */
    BYPASS,
    /** Found but expired, validated by the origin with a 304, answered from the store. */
    REVALIDATED,
    /** Dynamic content: nothing asked for caching (no freshness information, unsafe method...). */
    DYNAMIC
}
