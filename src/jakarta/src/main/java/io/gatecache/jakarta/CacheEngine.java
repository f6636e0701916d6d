package io.gatecache.jakarta;

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
import io.gatecache.core.ResponseStore;
import io.gatecache.core.StoragePolicy;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Trace;
import io.gatecache.core.Variants;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Origins (scheme://host:port) seen, so a purge by path reaches every host name. */
    private static final int MAX_ORIGINS = 256;

    private final Settings settings;
    private final Clock clock;
    private final LookupPolicy lookupPolicy;
    private final StoragePolicy storagePolicy;
    private final HeaderRules headerRules;
    private final ResponseStore store;
    private final InfinispanResponseStore infinispan;
    private final Statistics statistics = new Statistics();
    private final Coalescer coalescer = new Coalescer();
    private final Set<String> origins = ConcurrentHashMap.newKeySet();
    private final BackgroundRefresher refresher;
    private final Management management;

    CacheEngine(Settings settings, Clock clock, String contextPath) {
        this.settings = settings;
        this.clock = clock;
        this.lookupPolicy = new LookupPolicy(settings.options());
        this.storagePolicy = new StoragePolicy(settings.options());
        this.headerRules = new HeaderRules(Set.of(settings.statusHeader(), "Cache-Status", settings.traceHeader(),
                BackgroundRefresher.HEADER));
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

    LookupPolicy lookupPolicy() {
        return lookupPolicy;
    }

    long storedKeys() {
        return store.size();
    }

    // ---- keys -----------------------------------------------------------------------------

    String key(String scheme, String host, int port, String path, String query) {
        if (origins.size() < MAX_ORIGINS) {
            origins.add(CacheKey.of(scheme, host, port, "", null).replaceAll("/$", ""));
        }
        return CacheKey.of(scheme, host, port, path, query);
    }

    // ---- lookup and answers ---------------------------------------------------------------

    Exchange begin(String key, CacheRequest request, String path) {
        long now = now();
        List<StoredResponse> variants = request.isGetOrHead() ? store.get(key) : List.of();
        Lookup lookup = lookupPolicy.lookup(request, variants, now);
        Trace trace = settings.debug() ? new Trace(request.method(), path) : null;
        return new Exchange(key, request, lookup, now, trace);
    }

    /**
     * The exchange of a background refresh request: whatever is stored is revalidated (or, without
     * validators, fetched again), whatever its freshness.
     */
    Exchange beginRefresh(String key, CacheRequest request, String path) {
        Exchange ex = begin(key, request, path);
        Lookup l = ex.lookup;
        if (l.entry() == null || l.outcome() == Lookup.Outcome.FRESH) {
            return ex;
        }
        return new Exchange(key, request, new Lookup(Lookup.Outcome.REVALIDATE, l.entry(), l.currentAge(),
                l.freshnessLifetime(), "background refresh"), ex.requestTime, ex.trace);
    }

    /** The 504 for only-if-cached when nothing usable is stored (RFC 9111 §5.2.1.7). */
    Answer unsatisfiable(Exchange ex) {
        ex.status = CacheStatus.MISS;
        trace(ex, "miss");
        Headers.Builder out = Headers.builder();
        addStatusFields(out, ex, false, null, 0, null, false, "only-if-cached");
        statistics.record(CacheStatus.MISS);
        return new Answer(504, out.build(), new byte[0], 0);
    }

    /** Looks in the store again (after waiting for another request with the same key). */
    Exchange again(Exchange ex, String path) {
        Exchange fresh = begin(ex.key, ex.request, path);
        fresh.collapsed = true;
        return fresh;
    }

    /**
     * The answer from a stored response: the entry itself, or a 304 when the client's copy is
     * current, with Age and the status fields.
     */
    Answer answer(Exchange ex, StoredResponse entry, CacheStatus status, String detail) {
        long now = now();
        long age = Freshness.currentAge(entry, now);
        long ttl = Math.floorDiv(Freshness.freshnessLifetime(entry, settings.options()) - age, 1000);
        boolean notModified = Preconditions.notModified(ex.request, entry);
        Headers headers = notModified ? headerRules.notModified(entry.headers()) : entry.headers();
        Headers.Builder out = Headers.builder();
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.name(i).equalsIgnoreCase("Age")) {
                out.add(headers.name(i), headers.value(i));
            }
        }
        out.add("Age", String.valueOf(Freshness.ageHeaderSeconds(age)));
        ex.status = status;
        String fwd = status == CacheStatus.REVALIDATED ? "stale" : null;
        int fwdStatus = status == CacheStatus.REVALIDATED ? 304 : 0;
        boolean hit = status != CacheStatus.REVALIDATED;
        trace(ex, status == CacheStatus.HIT ? "fresh" : status == CacheStatus.STALE ? "stale" : "valid");
        addStatusFields(out, ex, hit, fwd, fwdStatus, ttl, status == CacheStatus.REVALIDATED, detail);
        statistics.record(status);
        boolean head = ex.request.method().equals("HEAD");
        byte[] body = notModified || head ? null : entry.body();
        return new Answer(notModified ? 304 : entry.status(), out.build(), body,
                notModified ? -1 : entry.body().length);
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
            case PASS -> "method";
            case MISS -> ex.lookup.reason();
            case REVALIDATE -> ex.lookup.reason().startsWith("request") ? "request" : "stale";
            default -> "miss";
        };
    }

    // ---- storing --------------------------------------------------------------------------

    StoragePolicy.Decision storability(Exchange ex, int status, Headers origin) {
        return storagePolicy.decide(ex.request, status, origin);
    }

    /** Stores the origin's response as a variant of the exchange's key. */
    StoredResponse store(Exchange ex, int status, Headers origin, byte[] body) {
        long responseTime = now();
        Headers stored = headerRules.forStorage(origin.without("Content-Length"), responseTime);
        StoredResponse entry = new StoredResponse(status, stored, body, ex.requestTime, responseTime,
                Variants.variantKey(io.gatecache.core.Vary.parse(stored.get("Vary")), ex.request.fields()));
        put(ex.key, entry);
        trace(ex, "store");
        return entry;
    }

    /** Freshens the stored entry with a 304's header fields (RFC 9111 §4.3.4) and stores it again. */
    StoredResponse freshen(Exchange ex, Headers notModified) {
        long responseTime = now();
        StoredResponse old = ex.entry();
        StoredResponse entry = old.refreshed(headerRules.freshen(old.headers(), notModified, responseTime),
                ex.requestTime, responseTime);
        put(ex.key, entry);
        trace(ex, "store");
        return entry;
    }

    private void put(String key, StoredResponse entry) {
        store.put(key, entry, storagePolicy.storeLifespan(entry));
        statistics.stores.increment();
    }

    // ---- invalidation ---------------------------------------------------------------------

    /** After a successful unsafe request: the target URI, and Location / Content-Location of the same origin. */
    void invalidateAfterUnsafe(Exchange ex, String location, String contentLocation) {
        invalidate(ex.key);
        for (String ref : new String[] {location, contentLocation}) {
            String k = CacheKey.resolveSameOrigin(ex.key, ref);
            if (k != null && !k.equals(ex.key)) {
                invalidate(k);
            }
        }
        trace(ex, "invalidate");
    }

    boolean invalidate(String key) {
        boolean removed = store.remove(key);
        statistics.invalidations.increment();
        return removed;
    }

    /**
     * Purges a URL: an absolute URL names one key; a path (with optional query) is purged under
     * every origin this cache has served.
     */
    int purgeUrl(String url) {
        if (url == null || url.isBlank()) {
            return 0;
        }
        int removed = 0;
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() != null && u.getHost() != null) {
                return invalidate(CacheKey.of(u.getScheme(), u.getHost(), u.getPort(), u.getRawPath(),
                        u.getRawQuery())) ? 1 : 0;
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            for (String origin : origins) {
                if (invalidate(origin + path + query)) {
                    removed++;
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.log(Level.FINE, "not a URL: " + url, e);
        }
        return removed;
    }

    void clear() {
        store.clear();
        statistics.invalidations.increment();
    }
}
