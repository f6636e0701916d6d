package io.gatecache.engine;

import io.gatecache.core.CacheKey;
import io.gatecache.core.HeaderRules;
import io.gatecache.core.Headers;
import io.gatecache.core.LookupPolicy;
import io.gatecache.core.Reason;
import io.gatecache.core.RequestFields;
import io.gatecache.core.ResponsePolicy;
import io.gatecache.core.rules.RulePolicy;
import io.gatecache.engine.downstream.Backoff;
import io.gatecache.engine.downstream.DownstreamCounters;
import io.gatecache.engine.downstream.DownstreamTags;
import io.gatecache.engine.downstream.HttpPurgeSender;
import io.gatecache.engine.downstream.PurgeServers;
import io.gatecache.spi.ResponseStore;
import java.time.Clock;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The cache's mechanism, with no container types: it reads the clock, asks the policies, talks to
 * the store and keeps the counters. It composes the stages a request goes through, and
 * {@link RequestPipeline} (which front doors hand their requests to) and {@link BelowContainer}
 * take a request through them in order:
 * <ol>
 * <li>{@link #begin} looks the request up; {@link #serve} answers what the store can answer;</li>
 * <li>{@link #coalesce} makes concurrent misses for one key wait for one origin call;</li>
 * <li>{@link #validators} gives the fields to put in the forwarded request;</li>
 * <li>{@link #respond} decides on the origin's status and fields, once;</li>
 * <li>{@link #complete} stores a captured body (or {@link #abandon} gives it up) and gives the
 * status fields that say what really happened;</li>
 * <li>{@link #release} ends the request's coalescing turn, whatever happened.</li>
 * </ol>
 */
public final class CacheEngine {

    private final Settings settings;
    private final ResponseStore store;
    private final Statistics statistics = new Statistics();
    private final Coalescing coalescing;
    private final Purger purger;
    private final RuleBook rules;
    private final Lookups lookups;
    private final EsiPages esiPages;
    private final Answers answers;
    private final Storing storing;
    private final UserContexts userContexts;
    private final DownstreamCounters downstreamCounters = new DownstreamCounters();
    private final DownstreamTags downstreamTags;
    private final PurgeServers purgeServers;
    private final HttpPurgeSender purgeSender;
    private final RequestPipeline pipeline = new RequestPipeline(this);

    /**
     * @param store where responses live (the engine does not close it)
     * @param contextPath the application's context path, which rules do not see
     */
    public CacheEngine(Settings settings, ResponseStore store, Clock clock, String contextPath) {
        this(settings, store, clock, contextPath, null);
    }

    /**
     * @param store where responses live (the engine does not close it)
     * @param contextPath the application's context path, which rules do not see
     * @param client the origin client that fetches ESI fragments the store cannot answer (null:
     *        none are fetched)
     */
    public CacheEngine(Settings settings, ResponseStore store, Clock clock, String contextPath, OriginClient client) {
        this(settings, store, clock, Ticker.SYSTEM, contextPath, client);
    }

    /**
     * @param ticker what waits (coalescing) are measured with
     * @see #CacheEngine(Settings, ResponseStore, Clock, String, OriginClient)
     */
    public CacheEngine(Settings settings, ResponseStore store, Clock clock, Ticker ticker, String contextPath,
            OriginClient client) {
        this.settings = settings;
        this.store = store;
        String context = contextPath == null ? "" : contextPath;

        Settings.Downstream downstream = settings.downstream();
        this.downstreamTags = new DownstreamTags(downstream.tagField(), downstream.reducedTtlSeconds(), clock,
                downstreamCounters);
        if (downstream.servers().isEmpty()) {
            this.purgeSender = null;
            this.purgeServers = PurgeServers.NONE;
        } else {
            this.purgeSender = new HttpPurgeSender(downstream.timeoutMillis());
            this.purgeServers = PurgeServers.start(downstream.servers(), downstream.calls(), purgeSender,
                    downstream.queue(), new Backoff(downstream.retries(), 100, 10_000), Backoff.Pauses.SLEEP,
                    downstreamCounters);
            if (!downstream.tagField().on()) {
                java.util.logging.Logger.getLogger(CacheEngine.class.getName()).warning(() -> "Gatecache: purges go to "
                        + downstream.servers() + " (gatecache.purge.servers), but responses carry no tags to them"
                        + " (gatecache.downstream.tag-header=none): their purges by tag reach nothing there");
            }
        }
        this.userContexts = new UserContexts(settings.userContext(), store.contextHashes(), context,
                settings.gateway().origin() != null, settings.coalescingTimeoutMillis(), downstreamTags);
        this.purger = new Purger(settings.purging(), store, clock, statistics, userContexts, purgeServers,
                downstream.forwardReceived());
        this.rules = new RuleBook(settings.rules().inForce(), context);
        HeaderRules headerRules = new HeaderRules(Set.of(settings.statusFields().statusHeader(), "Cache-Status", settings.statusFields().traceHeader(),
                OriginClient.REFRESH_TOKEN), settings.options().targetedFields());
        LookupPolicy lookupPolicy = new LookupPolicy(settings.options());
        ResponsePolicy responsePolicy = new ResponsePolicy(settings.options(),
                new RulePolicy(settings.rules().cdnProfile(), settings.rules().defaultTtl()), headerRules,
                settings.userContext().field());
        this.lookups = new Lookups(settings, store, lookupPolicy, rules, clock);
        this.coalescing = new Coalescing(new Coalescer(ticker), store, lookups, clock,
                settings.coalescingTimeoutMillis(), statistics);
        this.esiPages = new EsiPages(settings, store, lookupPolicy, FragmentSource.of(client), clock, context,
                downstreamTags, statistics);
        this.answers = new Answers(settings, lookupPolicy, headerRules, esiPages, statistics, clock, downstreamTags);
        this.storing = new Storing(responsePolicy, store, answers, coalescing, purger, statistics, clock,
                settings.purging().maxLifespanMillis(), settings.userContext());
    }

    /** Stops sending purges downstream, once what waits is sent (within a few seconds). */
    public void close() {
        purgeServers.close();
        if (purgeSender != null) {
            purgeSender.close();
        }
    }

    /** The tags that go to the proxy or CDN in front, with each response. */
    public DownstreamTags downstreamTags() {
        return downstreamTags;
    }

    /** The purge servers in front, which every purge made here goes to. */
    public PurgeServers purgeServers() {
        return purgeServers;
    }

    /** What went downstream: purges sent, retried, failed, replaced; tag fields cut. */
    public DownstreamCounters downstreamCounters() {
        return downstreamCounters;
    }

    /** The sequence of a request through the cache, which a front door hands its requests to. */
    public RequestPipeline pipeline() {
        return pipeline;
    }

    public Settings settings() {
        return settings;
    }

    public Statistics statistics() {
        return statistics;
    }

    /** Purging, and the trust of purge callers. */
    public Purger purger() {
        return purger;
    }

    /** The context-aware cache: users' context hashes, worked out, held and forgotten. */
    public UserContexts userContexts() {
        return userContexts;
    }

    /** ESI pages: their assembly, and the marker of this cache's fragment requests. */
    public EsiPages esiPages() {
        return esiPages;
    }

    /** The cache rules in force. */
    public RuleBook rules() {
        return rules;
    }

    public Coalescer coalescer() {
        return coalescing.coalescer();
    }

    /** The number of keys stored (an estimate for a clustered store). */
    public long storedKeys() {
        return store.size();
    }

    /** The bytes this node's part of the store holds, as it estimates them; -1 when it does not count them. */
    public long storeBytes() {
        return store.bytes();
    }

    /** The entries this node's part of the store evicted to stay within its bounds. */
    public long storeEvictions() {
        return store.evictions();
    }

    /** Whether the store answers now. */
    public boolean storeHealthy() {
        return store.healthy();
    }

    /** Store operations that failed since the start. */
    public long storeFailures() {
        return store.failures();
    }

    /** The nodes sharing the store, as this node sees them. */
    public ResponseStore.Membership membership() {
        return store.membership();
    }

    // ---- lookup ---------------------------------------------------------------------------

    /**
     * Looks a request up.
     *
     * @param origin the request's origin (see {@link CacheKey#origin})
     * @param localPort the port the request came in on
     * @param path the raw request path, query the raw query (or null)
     * @param fields the request's header fields
     */
    Exchange begin(String method, String origin, int localPort, String path, String query,
            RequestFields fields) {
        return begin(method, origin, localPort, path, query, fields, null, false);
    }

    /**
     * Looks a request up; a fragment request of this cache's ESI includes (its marker read with
     * {@link EsiPages#fragment}) carries the pages above it and may be answered with fragments kept for
     * includes only.
     *
     * @param revealTags whether the caller sees the tags header (see {@link #revealsTagsTo})
     */
    Exchange begin(String method, String origin, int localPort, String path, String query,
            RequestFields fields, EsiPages.FragmentMark fragment, boolean revealTags) {
        return lookups.begin(method, origin, localPort, path, query, fields, fragment, revealTags);
    }

    /** Makes the exchange a background refresh: whatever is stored and not fresh is validated. */
    void refreshing(Exchange ex) {
        ex.refresh = true;
        lookups.refreshing(ex);
    }

    /**
     * The answer from the store for the lookup's outcome, or null when the request must go on.
     * A stale-while-revalidate outcome is answered when {@code refresh} starts (or finds running)
     * a background refresh; otherwise the entry is revalidated in the request instead.
     */
    Answer serve(Exchange ex, Predicate<Exchange> refresh) {
        return answers.serve(ex, refresh);
    }

    // ---- coalescing -----------------------------------------------------------------------

    /**
     * Joins the concurrent GETs for the exchange's key that must go to the origin: the first
     * leads (the same exchange comes back); the others wait, bounded by
     * {@code coalescing-timeout-ms}, then look in the store again (a new exchange, to serve or
     * forward). Not for keys whose last response was not stored (hit-for-miss), nor background
     * refreshes.
     */
    Exchange coalesce(Exchange ex) {
        return coalescing.coalesce(ex);
    }

    /** Ends the exchange's coalescing turn, and notes whether its response was stored. Idempotent. */
    void release(Exchange ex) {
        coalescing.release(ex);
    }

    /**
     * The answer to a request the store answers fresh (a hit, a 304, a HEAD, a single range), as
     * the front door would give it, when it needs nothing of the container; null otherwise, with
     * nothing counted (see {@link Answers#fresh}).
     */
    Answer fresh(Exchange ex) {
        return answers.fresh(ex);
    }

    // ---- forwarding -----------------------------------------------------------------------

    /**
     * The fields to put in the forwarded request in place of the client's conditionals: the
     * stored response's validators when it is being revalidated (RFC 9111 §4.3.1); empty otherwise.
     */
    Headers validators(Exchange ex) {
        return storing.validators(ex);
    }

    // ---- after the origin -----------------------------------------------------------------

    /**
     * Decides what happens to the origin's response, given its status and fields (the body comes
     * later, if at all): answered from the store instead, or sent, captured for the store or not.
     * Invalidations happen here; unless the response is captured, the key's coalescing turn ends
     * here too.
     *
     * @param unreachable the origin could not be reached (the status is the gateway's own)
     * @param gateway the response comes from a gateway origin (no application defaults)
     */
    Reply respond(Exchange ex, int status, Headers headers, boolean unreachable, boolean gateway) {
        return storing.respond(ex, status, headers, unreachable, gateway);
    }

    /**
     * Stores the captured response the exchange decided to store, and gives the status fields to
     * add: {@code stored} only when the store took it (see {@link Storing#complete}). Ends the
     * coalescing turn.
     *
     * @param headers the response's fields as sent
     * @param tags the tags to store it with
     */
    Headers complete(Exchange ex, int status, Headers headers, byte[] body, Set<String> tags) {
        return storing.complete(ex, status, headers, body, tags);
    }

    /**
     * Gives up storing the exchange's response (its body grew past {@code max-entry-bytes}, say),
     * and gives the status fields to add, which say it was not stored and why. Ends the
     * coalescing turn.
     */
    Headers abandon(Exchange ex, Reason why) {
        return storing.abandon(ex, why);
    }

    /**
     * The stale entry instead of a failure with no response at all (an exception in the
     * application), within stale-if-error; null when not allowed.
     */
    Answer failed(Exchange ex) {
        ex.decided.abandon();
        return answers.failed(ex);
    }

    /** Whether a caller sees the tags header: in debug mode, a trusted caller. */
    boolean revealsTagsTo(String remoteAddress, RequestFields fields) {
        return settings.debug() && purger.trusts(remoteAddress, fields);
    }
}
