package io.gatecache.core;

import java.util.List;

/**
 * Whether and how a stored response can satisfy a request: RFC 9111 §4 (constructing responses
 * from caches), §4.2.4 (serving stale), §5.2.1 (request directives) and RFC 5861, with
 * Symfony's {@code allow_reload} / {@code allow_revalidate} opt-ins. A ladder of early returns in
 * the RFC's order; every exit names its reason.
 */
public final class LookupPolicy {

    private final CacheOptions options;

    public LookupPolicy(CacheOptions options) {
        this.options = options;
    }

    public CacheOptions options() {
        return options;
    }

    /**
     * @param request the request
     * @param variants what is stored under the request's key (possibly empty, never null)
     * @param now the current time in epoch millis
     */
    public Lookup lookup(CacheRequest request, List<StoredResponse> variants, long now) {
        Lookup l = decide(request, variants, now);
        if (request.isGetOrHead() && request.cacheControl().onlyIfCached() && !l.answersFromStore()) {
            return new Lookup(Lookup.Outcome.UNSATISFIABLE, l.entry(), l.currentAge(), l.freshnessLifetime(),
                    Reason.ONLY_IF_CACHED);
        }
        return l;
    }

    private Lookup decide(CacheRequest request, List<StoredResponse> variants, long now) {
        if (!request.isGetOrHead()) {
            return Lookup.pass(Reason.METHOD);
        }
        if (variants.isEmpty()) {
            return Lookup.miss(Reason.URI_MISS);
        }
        StoredResponse entry = Variants.select(variants, request.fields());
        if (entry == null) {
            return Lookup.miss(Reason.VARY_MISS);
        }
        long age = Freshness.currentAge(entry, now);
        long lifetime = Freshness.freshnessLifetime(entry, options);
        CacheControl rcc = entry.cacheControl();
        CacheControl qcc = request.cacheControl();

        if (options.allowReload() && request.noCache()) {
            return revalidate(entry, age, lifetime, Reason.REQUEST_NO_CACHE);
        }
        if (rcc.noCache()) {
            return revalidate(entry, age, lifetime, Reason.NO_CACHE);
        }
        if (options.allowRevalidate()) {
            long maxAge = qcc.maxAge();
            if (maxAge >= 0 && age > maxAge * 1000) {
                return revalidate(entry, age, lifetime, Reason.REQUEST_MAX_AGE);
            }
            long minFresh = qcc.minFresh();
            if (minFresh >= 0 && lifetime - age < minFresh * 1000) {
                return revalidate(entry, age, lifetime, Reason.REQUEST_MIN_FRESH);
            }
        }
        if (Freshness.isFresh(lifetime, age)) {
            return new Lookup(Lookup.Outcome.FRESH, entry, age, lifetime, Reason.FRESH);
        }
        long staleness = age - lifetime;
        if (!Freshness.forbidsStale(rcc)) {
            long maxStale = qcc.maxStale();
            if (maxStale >= 0 && staleness <= maxStale * 1000) {
                return new Lookup(Lookup.Outcome.STALE, entry, age, lifetime, Reason.REQUEST_MAX_STALE);
            }
        }
        long swr = Freshness.staleWhileRevalidate(entry, options);
        if (swr > 0 && staleness <= swr) {
            return new Lookup(Lookup.Outcome.STALE_WHILE_REVALIDATE, entry, age, lifetime, Reason.STALE_WHILE_REVALIDATE);
        }
        return revalidate(entry, age, lifetime, Reason.STALE);
    }

    private static Lookup revalidate(StoredResponse entry, long age, long lifetime, Reason reason) {
        return new Lookup(Lookup.Outcome.REVALIDATE, entry, age, lifetime, reason);
    }

    /**
     * Whether a stale entry may answer instead of an origin failure (an error status or an
     * exception): within stale-if-error, RFC 5861 §4. When the origin could not be reached at all
     * ({@code disconnected}), any stale entry still held may answer unless it forbids serving
     * stale (RFC 9111 §4.2.4: a disconnected cache may serve stale; must-revalidate,
     * proxy-revalidate, no-cache and s-maxage say it may not).
     */
    public boolean canServeStaleOnError(StoredResponse entry, long now, boolean disconnected) {
        if (entry == null) {
            return false;
        }
        CacheControl cc = entry.cacheControl();
        long staleness = Freshness.currentAge(entry, now) - Freshness.freshnessLifetime(entry, options);
        if (staleness < 0) {
            // fresh: usable unless it may never be used without validation (no-cache, RFC 9111 §5.2.2.4)
            return !cc.noCache();
        }
        if (disconnected && !Freshness.forbidsStale(cc)) {
            return true;
        }
        // stale (age == lifetime included, §4.2): only inside a window that exists
        long window = Freshness.staleIfError(entry, options);
        return window > 0 && staleness <= window;
    }
}
