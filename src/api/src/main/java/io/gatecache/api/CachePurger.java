package io.gatecache.api;

import java.util.Collection;

/**
 * Purges this application's cache from code: inject it ({@code @Inject CachePurger purger}).
 * Every purge is logged. Tag purges visit no entry: they are one record per tag, whatever the
 * number of entries, and a page being built while one lands is not stored as fresh.
 *
 * <p>On a clustered store every purge is written for every node before the call returns. When the
 * store cannot do so (it failed, or a node did not answer in time), the purge still holds on this
 * node and the call throws {@link PurgeNotRecordedException}: issuing it again is harmless. Every
 * method throws {@link IllegalStateException} when the cache is not running in the application
 * (switched off, or not started).
 */
public interface CachePurger {

    /**
     * Smart clearing for content, as if a new version of it had been published: fires a
     * {@link CacheClearEvent} (whose observers add the content's locations, their parents, its
     * relations) and purges the collected tags. Returns the tags purged.
     *
     * @throws PurgeNotRecordedException when the purge could not be recorded for every node: retry it
     */
    Collection<String> purgeForContent(long contentId);

    /**
     * Purges the entries with one of the tags: they are gone.
     *
     * @throws PurgeNotRecordedException when the purge could not be recorded for every node: retry it
     */
    void purgeTags(Collection<String> tags);

    /**
     * Soft-purges the entries with one of the tags: they are stale, still usable while refreshed.
     *
     * @throws PurgeNotRecordedException when the purge could not be recorded for every node: retry it
     */
    void softPurgeTags(Collection<String> tags);

    /** Purges a URL's path and query, every variant under every host name; whether something was stored. */
    boolean purgeUrl(String url);

    /**
     * Bans the entries whose URL (path and query) matches a regular expression: recorded at once,
     * checked when an older entry is read.
     *
     * @throws IllegalArgumentException when it is not a valid regular expression
     * @throws TooManyBansException when the most bans that can be in force at once are in force
     *         already: the ban is in force on no node; purge by tag, or purge everything, instead
     * @throws PurgeNotRecordedException when the ban could not be recorded for every node: retry it
     */
    void ban(String urlRegex);

    /**
     * Forgets every user's context hash, on every node, for use after roles or rights change:
     * each user's next request has its hash worked out again. Pages stored under an old hash are
     * left to expire; no user is given one under a hash that is no longer theirs.
     */
    void purgeUserContexts();

    /**
     * Removes everything.
     *
     * @throws PurgeNotRecordedException when the purge could not be recorded for every node: retry it
     */
    void purgeAll();
}
