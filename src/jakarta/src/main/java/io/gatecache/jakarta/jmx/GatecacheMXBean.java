package io.gatecache.jakarta.jmx;

import java.util.Map;

/**
 * Management of one application's cache, registered as
 * {@code io.gatecache:type=Cache,context=<context path>} in the platform MBeanServer.
 */
public interface GatecacheMXBean {

    /** Fresh answers from the store. */
    long getHits();

    /** Requests the store had nothing for, answered by the origin. */
    long getMisses();

    /** Expired entries replaced by a full response from the origin. */
    long getExpired();

    /** Stale answers from the store (stale-while-revalidate, stale-if-error, max-stale). */
    long getStaleServed();

    /** Stale entries validated by the origin with a 304. */
    long getRevalidations();

    /** Responses the headers kept out of the store (BYPASS). */
    long getBypasses();

    /** Responses nothing asked to cache (DYNAMIC). */
    long getDynamic();

    /** Responses written to the store. */
    long getStores();

    /** Keys invalidated (unsafe methods, URL purges). */
    long getInvalidations();

    /** (hits + stale + revalidated) / (those + misses + expired); 0 before any lookup. */
    double getHitRatio();

    /** Requests waiting, now, for another request with the same key to come back from the origin. */
    int getWaiting();

    /** Whether the store answers now (false while its operations fail). */
    boolean isStoreHealthy();

    /** Store operations that failed (each answered by the origin instead). */
    long getStoreErrors();

    /** How the store is shared: {@code local}, {@code replicated} or {@code distributed}. */
    String getClusterMode();

    /** This node's name in the cluster ({@code local} for a local store). */
    String getClusterNode();

    /** The nodes in this node's view of the cluster, this one included. */
    java.util.List<String> getClusterMembers();

    /** This node's role in the view: {@code coordinator} or {@code member}. */
    String getClusterRole();

    /**
     * Whether this node's partition may read and write the store ({@code AVAILABLE}), or not
     * ({@code DEGRADED_MODE}), or {@code UNKNOWN} when the store cannot read its view; during a
     * partition, each side keeps serving (see docs/clustering.md).
     */
    String getClusterAvailability();

    /**
     * Whether this node's part of the store is in step with its view: no state moving between the
     * nodes, and every purge recorded elsewhere in force here (false for a while after a node
     * joins or a partition merges).
     */
    boolean isClusterSettled();

    /** Keys in the store. */
    long getEntries();

    /** Bytes this node's part of the store holds, as it estimates them; -1 when it does not count them. */
    long getStoreBytes();

    /** Entries this node's part of the store evicted to stay within its bounds. */
    long getEvictions();

    /** The effective configuration. */
    Map<String, String> getConfiguration();

    /**
     * Purges a URL's path and query (e.g. {@code /api/articles/1}) under every host name it was
     * served as; the scheme and host of an absolute URL are ignored. Returns 1 when something was
     * stored under it, else 0.
     */
    int purgeUrl(String url);

    /**
     * The cache rules in the order they were defined, each as
     * {@code name: match=...; mode=...; ttl=...[; status=...]}. Extension rules beat directory
     * rules; among rules of one type the first defined wins.
     */
    java.util.List<String> getRules();

    /**
     * Adds a rule after the others, or replaces the rule of that name in its place, from the next
     * request on; e.g. {@code addRule("images", "match=extension:png,jpg; mode=override; ttl=3600")}.
     * A malformed definition is refused with a message saying what is wrong.
     */
    void addRule(String name, String definition);

    /** Removes a rule, from the next request on; whether there was one. */
    boolean removeRule(String name);

    /** Removes every entry. */
    void clear();

    /** Purges the entries with one of the tags (comma- or space-separated): they are gone. */
    void purgeTags(String tags);

    /** Soft-purges the entries with one of the tags: stale, still usable while they are refreshed. */
    void softPurgeTags(String tags);

    /** Bans the entries whose path and query match a regular expression. */
    void ban(String urlRegex);

    /**
     * Smart clearing for content, as if a new version had been published: the cache clear
     * observers' tags are purged and returned.
     */
    java.util.List<String> purgeForContent(long contentId);

    /** Tag purges, bans and clears since the start. */
    long getPurges();

    /** Purges the store could not record for every node sharing it (each refused to its caller). */
    long getPurgesNotRecorded();

    /** Requests that waited for another request's origin call (coalescing). */
    long getCoalescedWaits();

    /** Those waits that ran out ({@code gatecache.coalescing-timeout-ms}). */
    long getCoalescedTimeouts();

    /** Background refreshes that got an answer. */
    long getRefreshesDone();

    /** Background refreshes that got no answer, or could not be sent. */
    long getRefreshesFailed();

    /** Background refreshes not started: one already running for the key, here or on another node, or too many. */
    long getRefreshesSkipped();

    /** ESI includes answered from the store. */
    long getEsiFragmentsStored();

    /** ESI includes fetched (through this server, or from an allowed host). */
    long getEsiFragmentsFetched();

    /** ESI includes that failed: refused, or not answered in time. */
    long getEsiFragmentsFailed();

    /** Turns this node claimed for every node sharing a clustered store. */
    long getClaimsHeld();

    /** Turns another node held, whose origin call this node waited for. */
    long getClaimsWaited();

    /**
     * User context hashes this node's application worked out (at most one per session, or per
     * credentials, per {@code gatecache.user-context.ttl}); anonymous requests work none out.
     */
    long getUserContextLookups();

    /** Forgets every user context hash, on every node: for use after roles change. */
    void purgeUserContexts();

    /** Bans the entries one of whose location ids matches a regular expression (the seeds' {@code X-Location-Id}). */
    void banLocations(String locationIdRegex);

    /** Purge requests the purge servers in front ({@code gatecache.purge.servers}) took. */
    long getDownstreamPurgesSent();

    /** Purge requests to the servers in front sent again after a failure. */
    long getDownstreamPurgesRetried();

    /** Purge requests to the servers in front that failed every attempt (a purge of everything replaces them). */
    long getDownstreamPurgesFailed();

    /** Purges dropped from a full queue to a server in front (a purge of everything replaces them). */
    long getDownstreamPurgesDropped();

    /** Purges of everything sent to a server in front in place of purges failed or dropped. */
    long getDownstreamPurgesOfEverything();

    /** Purges queued for the servers in front and not yet sent (over every server). */
    long getDownstreamPurgesPending();

    /** The servers in front owed a purge of everything, which is sent until they take it. */
    java.util.List<String> getDownstreamServersOwed();

    /** Responses whose tag field downstream was cut at {@code gatecache.downstream.tag-header.max-length}. */
    long getDownstreamTagFieldsCut();

    /** Sets every counter to zero. */
    void resetStatistics();
}
