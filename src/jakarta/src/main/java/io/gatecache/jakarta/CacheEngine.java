package io.gatecache.jakarta;

import io.gatecache.core.ByteRanges;
import io.gatecache.core.CacheKey;
import io.gatecache.core.CacheRequest;
import io.gatecache.core.CacheStatus;
import io.gatecache.core.CacheStatusField;
import io.gatecache.core.Freshness;
import io.gatecache.core.HeaderRules;
import io.gatecache.core.Headers;
import io.gatecache.core.Lookup;
import io.gatecache.core.LookupPolicy;
import io.gatecache.core.Preconditions;
import io.gatecache.core.RequestFields;
import io.gatecache.core.ResponseStore;
import io.gatecache.core.StoragePolicy;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Trace;
import io.gatecache.core.Variants;
import io.gatecache.core.Vary;
import io.gatecache.core.rules.CacheRule;
import io.gatecache.core.rules.OriginMode;
import io.gatecache.core.rules.RulePolicy;
import io.gatecache.core.rules.RuleSet;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cache's mechanism in one place: it reads the clock, asks the policies, talks to the store
 * and keeps the counters. The servlet filter, the JAX-RS filters and the management bean all go
 * through it, so every entry point applies the same rules to the same store. One per application,
 * made by {@link GatecacheInitializer} and found as a servlet context attribute.
 */
final class CacheEngine {

    static final String ATTRIBUTE = CacheEngine.class.getName();

    private static final Logger LOG = Logger.getLogger(CacheEngine.class.getName());
    /** How long a key whose response was not stored is not coalesced (Varnish's hit-for-miss). */
    private static final long HIT_FOR_MISS_MILLIS = 60_000;
    /** How long an invalidation is remembered against responses still being built. */
    private static final long INVALIDATION_MEMORY_MILLIS = 600_000;
    private static final int MAX_REMEMBERED_KEYS = 10_000;

    private final Settings settings;
    private final Clock clock;
    private final LookupPolicy lookupPolicy;
    private final StoragePolicy storagePolicy;
    private final HeaderRules headerRules;
    private final InfinispanResponseStore infinispan;
    private final ResponseStore store;
    private final Statistics statistics = new Statistics();
    private final Coalescer coalescer = new Coalescer();
    private final ConcurrentHashMap<String, Long> hitForMiss = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> invalidated = new ConcurrentHashMap<>();
    /** Responses to requests that started before this instant are not stored (after a clear). */
    private volatile long invalidatedAllAt;
    private final BackgroundRefresher refresher;
    private final Management management;
    private final String contextPath;
    private final AtomicReference<RuleSet> rules;
    private final RulePolicy rulePolicy;

    CacheEngine(Settings settings, Clock clock, String contextPath) {
        this.settings = settings;
        this.contextPath = contextPath == null ? "" : contextPath;
        this.rules = new AtomicReference<>(settings.rules());
        this.rulePolicy = new RulePolicy(settings.cdnProfile(), settings.rulesDefaultTtl());
        this.clock = clock;
        this.lookupPolicy = new LookupPolicy(settings.options());
        this.storagePolicy = new StoragePolicy(settings.options());
        this.headerRules = new HeaderRules(Set.of(settings.statusHeader(), "Cache-Status", settings.traceHeader(),
                BackgroundRefresher.HEADER), settings.options().targetedFields());
        this.infinispan = InfinispanResponseStore.start(settings.storeConfig(), settings.storeCacheName(),
                statistics, settings.maxVariants());
        this.store = infinispan;
        this.refresher = new BackgroundRefresher(settings.refreshTimeoutMillis());
        this.management = Management.register(this, contextPath);
        LOG.info(() -> "Gatecache started for '" + contextPath + "' with " + settings.describe());
    }

    void stop() {
        management.unregister();
        refresher.close();
        infinispan.stop();
    }

    Settings settings() {
        return settings;
    }

    boolean enabled() {
        return settings.enabled();
    }

    long now() {
        return clock.millis();
    }

    Statistics statistics() {
        return statistics;
    }

    Coalescer coalescer() {
        return coalescer;
    }

    BackgroundRefresher refresher() {
        return refresher;
    }

    long storedKeys() {
        return store.size();
    }

    // ---- lookup ---------------------------------------------------------------------------

    /**
     * Looks a request up.
     *
     * @param origin the request's origin (see {@link CacheKey#origin})
     * @param path the raw request path, query the raw query (or null)
     * @param fields the request's header fields
     */
    Exchange begin(String method, String origin, String path, String query, RequestFields fields) {
        RequestFields withOrigin = name -> Variants.ORIGIN.equals(name) ? origin : fields.get(name);
        CacheRequest request = new CacheRequest(method, withOrigin);
        String key = CacheKey.of(path, query);
        long now = now();
        RuleSet ruleSet = rules.get();
        CacheRule rule = ruleSet.isEmpty() ? null : ruleSet.match(applicationPath(key));
        Lookup lookup;
        if (rule != null && rule.mode() == OriginMode.NO_CACHE) {
            lookup = Lookup.pass("rule " + rule.name() + ": no-cache");
        } else {
            List<StoredResponse> variants = request.isGetOrHead() ? store.get(key) : List.of();
            lookup = lookupPolicy.lookup(request, variants, now);
        }
        Trace trace = settings.debug() ? new Trace(request.method(), path) : null;
        Exchange ex = new Exchange(origin, key, request, lookup, now, trace);
        ex.rule = rule;
        return ex;
    }

    /** Looks in the store again, after waiting for another request with the same key. */
    Exchange again(Exchange ex) {
        long now = now();
        Lookup lookup = lookupPolicy.lookup(ex.request, store.get(ex.key), now);
        Exchange again = new Exchange(ex.origin, ex.key, ex.request, lookup, now, ex.trace);
        again.collapsed = true;
        again.rule = ex.rule;
        return again;
    }

    /** Forces validation of whatever is stored (a background refresh). */
    void refreshing(Exchange ex) {
        if (ex.entry() != null && ex.lookup.outcome() != Lookup.Outcome.FRESH) {
            ex.revalidateInstead("background refresh");
        }
    }

    /**
     * The answer from the store for the lookup's outcome, or null when the request must go on.
     * A stale-while-revalidate outcome is answered when {@code refresh} starts (or finds running)
     * a background refresh; otherwise the entry is revalidated in the request instead.
     */
    Answer serve(Exchange ex, Predicate<Exchange> refresh) {
        return switch (ex.lookup.outcome()) {
            case FRESH -> answer(ex, ex.entry(), CacheStatus.HIT, null);
            case STALE -> answer(ex, ex.entry(), CacheStatus.STALE, ex.lookup.reason());
            case STALE_WHILE_REVALIDATE -> {
                if (refresh != null && refresh.test(ex)) {
                    yield answer(ex, ex.entry(), CacheStatus.STALE, "stale-while-revalidate");
                }
                ex.revalidateInstead("stale, refreshed in the request");
                yield null;
            }
            case UNSATISFIABLE -> unsatisfiable(ex);
            default -> null;
        };
    }

    /**
     * The stale entry instead of an origin failure, within stale-if-error or, when the origin
     * could not be reached, as a disconnected cache may; null when not allowed.
     */
    Answer staleOnError(Exchange ex) {
        if (!canServeStaleOnError(ex)) {
            return null;
        }
        String detail = ex.originUnreachable ? "origin unreachable" : "stale-if-error";
        trace(ex, detail);
        return answer(ex, ex.entry(), CacheStatus.STALE, detail);
    }

    boolean canServeStaleOnError(Exchange ex) {
        return lookupPolicy.canServeStaleOnError(ex.entry(), now(), ex.originUnreachable);
    }

    /** The 504 for only-if-cached when nothing usable is stored (RFC 9111 §5.2.1.7). */
    private Answer unsatisfiable(Exchange ex) {
        ex.status = CacheStatus.MISS;
        trace(ex, "miss");
        Headers.Builder out = Headers.builder();
        addStatusFields(out, ex, false, null, 0, null, false, "only-if-cached");
        statistics.record(CacheStatus.MISS);
        return new Answer(504, Headers.EMPTY, out.build(), new byte[0], 0);
    }

    /**
     * The answer from a stored response: the entry itself, a 304 when the client's copy is
     * current, or the byte range a Range request asks for (206, or 416 when there is none), with
     * Age and the status fields.
     */
    Answer answer(Exchange ex, StoredResponse entry, CacheStatus status, String detail) {
        long age;
        long lifetime;
        if (entry == ex.lookup.entry()) {
            age = ex.lookup.currentAge() + (now() - ex.requestTime);
            lifetime = ex.lookup.freshnessLifetime();
        } else {
            age = Freshness.currentAge(entry, now());
            lifetime = Freshness.freshnessLifetime(entry, settings.options());
        }
        boolean notModified = Preconditions.notModified(ex.request, entry);
        Headers.Builder added = Headers.builder().add("Age", String.valueOf(Freshness.ageHeaderSeconds(age)));
        ex.status = status;
        boolean revalidated = status == CacheStatus.REVALIDATED;
        trace(ex, status == CacheStatus.HIT ? "fresh" : revalidated ? "valid" : "stale");
        addStatusFields(added, ex, !revalidated, revalidated ? "stale" : null, revalidated ? ex.originStatus : 0,
                Math.floorDiv(lifetime - age, 1000), revalidated && ex.stored, detail);
        statistics.record(status);
        if (notModified) {
            return new Answer(304, headerRules.notModified(entry.headers()), added.build(), null, -1);
        }
        byte[] body = entry.body();
        ByteRanges.Selection range = ByteRanges.select(ex.request, entry, body.length);
        if (range.kind() == ByteRanges.Kind.PARTIAL) {
            added.add("Content-Range", range.contentRange());
            byte[] part = java.util.Arrays.copyOfRange(body, (int) range.first(), (int) range.last() + 1);
            return new Answer(206, entry.headers(), added.build(), part, part.length);
        }
        if (range.kind() == ByteRanges.Kind.UNSATISFIABLE) {
            added.add("Content-Range", range.contentRange());
            return new Answer(416, headerRules.notModified(entry.headers()), added.build(), new byte[0], 0);
        }
        boolean head = ex.request.method().equals("HEAD");
        return new Answer(entry.status(), entry.headers(), added.build(), head ? null : body, body.length);
    }

    /** Adds the status header, Cache-Status and (debug) trace to a header section being built. */
    void addStatusFields(Headers.Builder out, Exchange ex, boolean hit, String fwd, int fwdStatus, Long ttl,
            boolean stored, String detail) {
        out.add(settings.statusHeader(), ex.status.name());
        out.add("Cache-Status", CacheStatusField.format(settings.cacheStatusName(), hit, fwd, fwdStatus, ttl,
                stored, ex.collapsed, detail));
        if (ex.trace != null) {
            out.add(settings.traceHeader(), ex.trace.toString());
        }
    }

    void trace(Exchange ex, String event) {
        if (ex.trace != null) {
            ex.trace.add(event);
        }
    }

    /** The reason a request went to the origin, in RFC 9211 fwd terms. */
    static String fwd(Exchange ex) {
        return switch (ex.lookup.outcome()) {
            case PASS -> ex.lookup.reason().startsWith("rule") ? "bypass" : "method";
            case MISS -> ex.lookup.reason();
            case REVALIDATE -> ex.lookup.reason().startsWith("request") ? "request" : "stale";
            default -> "miss";
        };
    }

    // ---- storing --------------------------------------------------------------------------

    /** Whether a response may be stored, read through its targeted field when it has one (RFC 9213). */
    StoragePolicy.Decision storability(Exchange ex, int status, Headers origin) {
        return storagePolicy.decide(ex.request, status, settings.options().policyView(origin));
    }

    /** Whether a response the rules give a TTL of their own may be stored (request-side checks only). */
    StoragePolicy.Decision storabilityForRule(Exchange ex, int status, Headers origin) {
        return storagePolicy.decideForRule(ex.request, status, origin);
    }

    /** How the cache rules (or the cdn profile) treat a response. */
    RulePolicy.Decision ruleDecision(Exchange ex, int status, Headers origin) {
        return rulePolicy.decide(ex.rule, status, settings.options().policyView(origin));
    }

    // ---- rules ----------------------------------------------------------------------------

    /**
     * The path within the application (without the context path) that rules match: without
     * {@code ;parameters}, dot segments resolved, as the container routes it (so
     * {@code /account;.png} is {@code /account} and {@code /static/..;/account} is {@code /account}).
     */
    private String applicationPath(String key) {
        int q = key.indexOf('?');
        String path = q < 0 ? key : key.substring(0, q);
        if (path.indexOf(';') >= 0) {
            path = CacheKey.of(path.replaceAll(";[^/]*", ""), null);
        }
        return !contextPath.isEmpty() && path.startsWith(contextPath) ? path.substring(contextPath.length()) : path;
    }

    RuleSet rules() {
        return rules.get();
    }

    /** Adds (or replaces) a rule; effective from the next request. */
    void addRule(CacheRule rule) {
        RuleSet updated = rules.updateAndGet(r -> r.with(rule));
        LOG.info(() -> "Gatecache rule " + rule.name() + " set: " + rule.definition() + "; rules now "
                + updated.rules().stream().map(CacheRule::name).toList());
    }

    /** Removes a rule; whether there was one. Effective from the next request. */
    boolean removeRule(String name) {
        RuleSet before = rules.getAndUpdate(r -> r.without(name));
        boolean removed = before.rules().stream().anyMatch(r -> r.name().equals(name));
        if (removed) {
            LOG.info(() -> "Gatecache rule " + name + " removed; rules now "
                    + rules.get().rules().stream().map(CacheRule::name).toList());
        }
        return removed;
    }

    /**
     * Stores the origin's response as a variant of the exchange's key, unless the key was
     * invalidated after the request started (the response may predate the change).
     */
    void store(Exchange ex, int status, Headers origin, byte[] body) {
        long responseTime = now();
        Headers stored = headerRules.forStorage(origin.without("Content-Length"), responseTime);
        StoredResponse entry = new StoredResponse(status, stored, body, ex.requestTime, responseTime,
                Variants.variantKey(Vary.parse(stored.get("Vary")), ex.request.fields()), ex.cacheTtl,
                settings.options().targetedField(stored));
        put(ex, entry);
    }

    /**
     * The stored entry freshened by a 304's header fields (RFC 9111 §4.3.4), stored again when the
     * freshened response is still storable and the key was not invalidated meanwhile; otherwise the
     * entry is dropped. The freshened response answers this request either way.
     */
    StoredResponse freshen(Exchange ex, Headers notModified) {
        long responseTime = now();
        StoredResponse old = ex.entry();
        StoredResponse entry = old.refreshed(headerRules.freshen(old.headers(), notModified, responseTime),
                ex.requestTime, responseTime);
        // judged as the GET that was stored, whatever method brought the 304 (HEAD too)
        CacheRequest asGet = new CacheRequest("GET", ex.request.fields());
        StoragePolicy.Decision decision = old.cacheTtl() >= 0
                ? storagePolicy.decideForRule(asGet, entry.status(), entry.headers())
                : storagePolicy.decide(asGet, entry.status(), settings.options().policyView(entry.headers()));
        if (decision.store()) {
            put(ex, entry);
        } else {
            invalidate(ex.key);
        }
        return entry;
    }

    /**
     * A 200 to a HEAD request for a stored GET (RFC 9111 §4.3.5): the entry it describes is
     * freshened with the HEAD's fields and returned; any other is invalidated (null).
     */
    StoredResponse headResponse(Exchange ex, Headers head) {
        if (ex.entry().describedBy(head)) {
            return freshen(ex, head);
        }
        invalidate(ex.key);
        return null;
    }

    private void put(Exchange ex, StoredResponse entry) {
        if (!mayStore(ex)) {
            trace(ex, "invalidated meanwhile");
            return;
        }
        store.put(ex.key, entry, storagePolicy.storeLifespan(entry));
        if (!mayStore(ex)) {
            // an invalidation landed between the check and the write: it wins
            store.remove(ex.key);
            return;
        }
        statistics.stores.increment();
        ex.stored = true;
        trace(ex, "store");
    }

    /** Whether no invalidation of the key (or clear) happened since the request started. */
    private boolean mayStore(Exchange ex) {
        if (invalidatedAllAt >= ex.requestTime) {
            return false;
        }
        Long at = invalidated.get(ex.key);
        return at == null || at < ex.requestTime;
    }

    // ---- coalescing -----------------------------------------------------------------------

    /**
     * Whether concurrent GETs for the key should wait for one origin call: not when the key's
     * last response was not stored (they would only queue behind each other), for a minute.
     */
    boolean coalesces(Exchange ex) {
        if (!ex.request.method().equals("GET")) {
            return false;
        }
        Long until = hitForMiss.get(ex.key);
        if (until == null) {
            return true;
        }
        if (until < now()) {
            hitForMiss.remove(ex.key, until);
            return true;
        }
        return false;
    }

    /** Ends the exchange's coalescing turn, and notes whether its response was stored. Idempotent. */
    void release(Exchange ex) {
        if (ex.ticket == null) {
            return;
        }
        if (ex.stored) {
            hitForMiss.remove(ex.key);
        } else {
            remember(hitForMiss, ex.key, now() + HIT_FOR_MISS_MILLIS, now());
        }
        coalescer.release(ex.ticket);
        ex.ticket = null;
    }

    /** Puts a key's time in a bounded map, first dropping times before {@code horizon} when it is full. */
    private void remember(ConcurrentHashMap<String, Long> map, String key, long value, long horizon) {
        if (map.size() >= MAX_REMEMBERED_KEYS) {
            map.values().removeIf(v -> v < horizon);
            if (map.size() >= MAX_REMEMBERED_KEYS) {
                if (map == invalidated) {
                    invalidatedAllAt = now();
                }
                map.clear();
            }
        }
        map.put(key, value);
    }

    // ---- invalidation ---------------------------------------------------------------------

    /** After a successful unsafe request: the target URI, and Location / Content-Location of the same origin. */
    void invalidateAfterUnsafe(Exchange ex, String location, String contentLocation) {
        invalidate(ex.key);
        for (String ref : new String[] {location, contentLocation}) {
            String k = CacheKey.resolveSameOrigin(ex.origin, ex.key, ref);
            if (k != null && !k.equals(ex.key)) {
                invalidate(k);
            }
        }
        trace(ex, "invalidate");
    }

    /** Removes a key's variants (under every host name) and refuses responses begun before now. */
    boolean invalidate(String key) {
        remember(invalidated, key, now(), now() - INVALIDATION_MEMORY_MILLIS);
        boolean removed = store.remove(key);
        statistics.invalidations.increment();
        return removed;
    }

    /**
     * Purges a URL: its path and query, under every host name it was served as (the scheme and
     * host of an absolute URL are not needed and are ignored).
     */
    int purgeUrl(String url) {
        if (url == null || url.isBlank()) {
            return 0;
        }
        try {
            URI u = URI.create(url.trim());
            return invalidate(CacheKey.of(u.getRawPath(), u.getRawQuery())) ? 1 : 0;
        } catch (IllegalArgumentException e) {
            LOG.log(Level.FINE, "not a URL: " + url, e);
            return 0;
        }
    }

    void clear() {
        invalidatedAllAt = now();
        store.clear();
        statistics.invalidations.increment();
    }
}
