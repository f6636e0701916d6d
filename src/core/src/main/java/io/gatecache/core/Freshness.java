package io.gatecache.core;

import java.util.Set;

/**
 * Freshness and age of a stored response for a shared cache: RFC 9111 §4.2, each formula in one
 * method named as the RFC names it. All instants and durations are milliseconds; {@code now} is
 * passed in.
 */
public final class Freshness {

    /** Status codes that are heuristically cacheable (RFC 9110 §15.1). */
    public static final Set<Integer> HEURISTICALLY_CACHEABLE =
            Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501);

    /** Upper bound of a heuristic freshness lifetime: one day. */
    static final long HEURISTIC_MAX = 86_400_000L;

    private Freshness() {
    }

    /**
     * freshness_lifetime for a shared cache, RFC 9111 §4.2.1: a cache rule's TTL when one applies
     * (it replaces the origin's headers), else {@code s-maxage}, else
     * {@code max-age}, else {@code Expires} minus {@code Date}, else {@code default_ttl}, else a
     * heuristic (§4.2.2) when allowed, else 0. An invalid directive or Expires means stale (0).
     * An entry a soft purge reached is no fresher than its age at the purge.
     */
    public static long freshnessLifetime(StoredResponse r, CacheOptions options) {
        long lifetime = ownFreshnessLifetime(r, options);
        if (r.staleFrom() == StoredResponse.NOT_PURGED) {
            return lifetime;
        }
        // a soft purge: no fresher than its age at the purge, so it is stale from then on
        return Math.min(lifetime, correctedInitialAge(r) + Math.max(0, r.staleFrom() - r.responseTime()));
    }

    private static long ownFreshnessLifetime(StoredResponse r, CacheOptions options) {
        if (r.cacheTtl() >= 0) {
            return r.cacheTtl() * 1000;
        }
        CacheControl cc = r.cacheControl();
        long sMaxAge = cc.sMaxAge();
        if (sMaxAge != CacheControl.ABSENT) {
            return sMaxAge == CacheControl.INVALID ? 0 : sMaxAge * 1000;
        }
        long maxAge = cc.maxAge();
        if (maxAge != CacheControl.ABSENT) {
            return maxAge == CacheControl.INVALID ? 0 : maxAge * 1000;
        }
        if (r.expires() == StoredResponse.INVALID_EXPIRES) {
            return 0;
        }
        if (r.expires() != StoredResponse.NO_EXPIRES) {
            return Math.max(0, r.expires() - r.dateValue());
        }
        if (options.defaultTtl() > 0) {
            return options.defaultTtl() * 1000;
        }
        if (options.heuristicFreshness()) {
            return heuristicFreshness(r);
        }
        return 0;
    }

    /** Whether the response states its freshness itself (s-maxage, max-age or Expires). */
    public static boolean hasExplicitFreshness(CacheControl cc, boolean hasExpires) {
        return cc.sMaxAge() != CacheControl.ABSENT || cc.maxAge() != CacheControl.ABSENT || hasExpires;
    }

    /**
     * Heuristic freshness, RFC 9111 §4.2.2: 10% of the time since Last-Modified, at most a day,
     * only for heuristically cacheable status codes or responses marked {@code public}
     * (§5.2.2.9, which lets a cache treat any status as cacheable).
     */
    static long heuristicFreshness(StoredResponse r) {
        if (r.lastModified() < 0 || !(HEURISTICALLY_CACHEABLE.contains(r.status()) || r.cacheControl().isPublic())) {
            return 0;
        }
        return Math.min(HEURISTIC_MAX, Math.max(0, (r.dateValue() - r.lastModified()) / 10));
    }

    /**
     * apparent_age = max(0, response_time - date_value), RFC 9111 §4.2.3, in whole seconds: an
     * HTTP-date has one-second resolution, so the fraction of a second between a Date and the
     * moment the response arrives is not age (a Date made in the same second adds none).
     */
    public static long apparentAge(StoredResponse r) {
        return Math.max(0, (r.responseTime() - r.dateValue()) / 1000 * 1000);
    }

    /** response_delay = response_time - request_time, RFC 9111 §4.2.3. */
    public static long responseDelay(StoredResponse r) {
        return Math.max(0, r.responseTime() - r.requestTime());
    }

    /** corrected_age_value = age_value + response_delay, RFC 9111 §4.2.3. */
    public static long correctedAgeValue(StoredResponse r) {
        return r.ageValue() * 1000 + responseDelay(r);
    }

    /** corrected_initial_age = max(apparent_age, corrected_age_value), RFC 9111 §4.2.3. */
    public static long correctedInitialAge(StoredResponse r) {
        return Math.max(apparentAge(r), correctedAgeValue(r));
    }

    /** resident_time = now - response_time, RFC 9111 §4.2.3. */
    public static long residentTime(StoredResponse r, long now) {
        return Math.max(0, now - r.responseTime());
    }

    /** current_age = corrected_initial_age + resident_time, RFC 9111 §4.2.3. */
    public static long currentAge(StoredResponse r, long now) {
        return correctedInitialAge(r) + residentTime(r, now);
    }

    /** The Age field value to send: current_age in whole seconds (RFC 9111 §5.1). */
    public static long ageHeaderSeconds(long currentAgeMillis) {
        return Math.min(CacheControl.DELTA_SECONDS_MAX, currentAgeMillis / 1000);
    }

    /** response_is_fresh = freshness_lifetime &gt; current_age, RFC 9111 §4.2. */
    public static boolean isFresh(long freshnessLifetime, long currentAge) {
        return freshnessLifetime > currentAge;
    }

    /**
     * The stale-while-revalidate window (RFC 5861 §3) in millis: the response's own directive,
     * else the configured default. None when the response forbids stale use outright
     * (must-revalidate, proxy-revalidate, no-cache); a response with s-maxage, which carries
     * proxy-revalidate's meaning for a shared cache (RFC 9111 §5.2.2.10), gets no default window,
     * only the one it states.
     */
    public static long staleWhileRevalidate(StoredResponse r, CacheOptions options) {
        if (r.cacheTtl() >= 0) {
            return 0; // a rule's TTL is fetched again when over
        }
        return window(r.cacheControl(), r.cacheControl().staleWhileRevalidate(), options.staleWhileRevalidate());
    }

    /** The stale-if-error window (RFC 5861 §4) in millis, with the same rules as stale-while-revalidate. */
    public static long staleIfError(StoredResponse r, CacheOptions options) {
        return window(r.cacheControl(), r.cacheControl().staleIfError(), options.staleIfError());
    }

    private static long window(CacheControl cc, long directive, long defaultSeconds) {
        if (cc.mustRevalidate() || cc.proxyRevalidate() || cc.noCache() || directive == CacheControl.INVALID) {
            return 0;
        }
        if (directive != CacheControl.ABSENT) {
            return directive * 1000;
        }
        return cc.sMaxAge() != CacheControl.ABSENT ? 0 : Math.max(0, defaultSeconds) * 1000;
    }

    /**
     * Whether the response forbids serving it stale: {@code must-revalidate}, {@code proxy-revalidate}
     * (RFC 9111 §5.2.2.2, §5.2.2.8), {@code no-cache}, or {@code s-maxage}, which implies
     * proxy-revalidate for a shared cache (§5.2.2.10).
     */
    public static boolean forbidsStale(CacheControl cc) {
        return cc.mustRevalidate() || cc.proxyRevalidate() || cc.noCache()
                || cc.sMaxAge() != CacheControl.ABSENT;
    }
}
