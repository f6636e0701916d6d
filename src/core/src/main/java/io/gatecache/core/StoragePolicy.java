package io.gatecache.core;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a response may be stored by a shared cache: RFC 9111 §3 (and §3.5 for Authorization),
 * with Symfony's {@code private_headers} and {@code default_ttl}, and the rule that a response
 * setting a cookie is never stored. A ladder of early returns; a refusal says whether headers
 * forbade storing ({@link CacheStatus#BYPASS}) or nothing asked for caching
 * ({@link CacheStatus#DYNAMIC}).
 */
public final class StoragePolicy {

    /** Status codes this cache understands, for {@code must-understand} (RFC 9111 §5.2.2.3). */
    static final Set<Integer> UNDERSTOOD = Set.of(200, 203, 204, 300, 301, 302, 303, 307, 308,
            404, 405, 410, 414, 451, 501);

    private final CacheOptions options;

    public StoragePolicy(CacheOptions options) {
        this.options = options;
    }

    /** The verdict: store or not, and if not, which status and why. */
    public record Decision(boolean store, CacheStatus refusal, String reason) {
        static Decision store(String reason) {
            return new Decision(true, null, reason);
        }

        static Decision bypass(String reason) {
            return new Decision(false, CacheStatus.BYPASS, reason);
        }

        static Decision dynamic(String reason) {
            return new Decision(false, CacheStatus.DYNAMIC, reason);
        }
    }

    /**
     * @param request the request the response answers
     * @param status the response status
     * @param headers the response header section as the origin sent it
     */
    public Decision decide(CacheRequest request, int status, Headers headers) {
        Decision refused = refusedByRequestOrStatus(request, status);
        if (refused != null) {
            return refused;
        }
        CacheControl cc = CacheControl.parse(headers.get("Cache-Control"));
        boolean understood = cc.mustUnderstand() && UNDERSTOOD.contains(status);
        if (cc.mustUnderstand() && !understood) {
            return Decision.bypass("must-understand");
        }
        if (cc.noStore() && !understood) {
            return Decision.bypass("no-store");
        }
        if (cc.isPrivate() && cc.privateFields().isEmpty()) {
            return Decision.bypass("private");
        }
        if (headers.contains("Set-Cookie")) {
            return Decision.bypass("set-cookie");
        }
        if (Vary.parse(headers.get("Vary")).any()) {
            return Decision.bypass("vary *");
        }
        boolean sMaxAge = cc.sMaxAge() != CacheControl.ABSENT;
        if (request.field("Authorization") != null && !(cc.isPublic() || sMaxAge || cc.mustRevalidate())) {
            return Decision.bypass("authorization");
        }
        if (!cc.isPublic() && !sMaxAge) {
            for (String name : options.privateHeaders()) {
                if (request.field(name) != null) {
                    return Decision.bypass("private header " + name.toLowerCase(Locale.ROOT));
                }
            }
        }
        boolean validator = headers.contains("ETag") || headers.contains("Last-Modified");
        boolean explicit = Freshness.hasExplicitFreshness(cc, headers.contains("Expires"));
        if (explicit || cc.isPublic()) {
            if (!validator && (cc.noCache() || zeroLifetime(cc)) && !hasStaleWindow(cc)) {
                return Decision.bypass(cc.noCache() ? "no-cache" : "max-age=0");
            }
            return Decision.store(explicit ? "explicit freshness" : "public");
        }
        if (Freshness.HEURISTICALLY_CACHEABLE.contains(status)) {
            if (cc.noCache()) {
                return validator ? Decision.store("no-cache with validator") : Decision.bypass("no-cache");
            }
            if (options.defaultTtl() > 0) {
                return Decision.store("default_ttl");
            }
            if (options.heuristicFreshness() && headers.contains("Last-Modified")) {
                return Decision.store("heuristic");
            }
        }
        return Decision.dynamic("no explicit freshness");
    }

    /**
     * Whether a response a cache rule gives its own TTL may be stored: the origin's caching
     * directives are ignored, the request's are not (no-store, Authorization, private headers),
     * and a cookie-setting, partial or {@code Vary: *} response never is.
     */
    public Decision decideForRule(CacheRequest request, int status, Headers headers) {
        Decision refused = refusedByRequestOrStatus(request, status);
        if (refused != null) {
            return refused;
        }
        if (headers.contains("Set-Cookie")) {
            return Decision.bypass("set-cookie");
        }
        if (Vary.parse(headers.get("Vary")).any()) {
            return Decision.bypass("vary *");
        }
        for (String name : options.privateHeaders()) {
            if (request.field(name) != null) {
                return Decision.bypass("private header " + name.toLowerCase(Locale.ROOT));
            }
        }
        if (request.field("Authorization") != null) {
            return Decision.bypass("authorization");
        }
        return Decision.store("rule ttl");
    }

    /** The first rungs of both ladders: only GET, never for a request with no-store, never 1xx, 206, 304. */
    private static Decision refusedByRequestOrStatus(CacheRequest request, int status) {
        if (!request.method().equals("GET")) {
            return Decision.dynamic("method");
        }
        if (request.cacheControl().noStore()) {
            return Decision.bypass("request no-store");
        }
        if (status < 200 || status == 206 || status == 304) {
            return Decision.dynamic("status " + status);
        }
        return null;
    }

    private static boolean zeroLifetime(CacheControl cc) {
        long s = cc.sMaxAge() != CacheControl.ABSENT ? cc.sMaxAge() : cc.maxAge();
        return s == 0 || s == CacheControl.INVALID;
    }

    private static boolean hasStaleWindow(CacheControl cc) {
        return cc.staleIfError() > 0 || cc.staleWhileRevalidate() > 0;
    }

    /**
     * How long a stale entry without a validator stays in the store (at most {@code keep}): it
     * cannot be revalidated, but it can still answer a request's {@code max-stale}, be freshened
     * by a HEAD (RFC 9111 §4.3.5) or stand in for an origin that cannot be reached (§4.2.4).
     */
    static final long GRACE_MILLIS = 10_000;

    /**
     * How long the store keeps an entry: its freshness lifetime, plus the longer stale window,
     * plus {@code keep} when it has a validator to revalidate with, or a short grace when it has
     * none. At least one second.
     */
    public long storeLifespan(StoredResponse entry) {
        long lifetime = Freshness.freshnessLifetime(entry, options);
        long stale = Math.max(Freshness.staleWhileRevalidate(entry, options), Freshness.staleIfError(entry, options));
        long keep = entry.hasValidator() ? options.keep() * 1000 : Math.min(GRACE_MILLIS, options.keep() * 1000);
        return Math.max(1000, lifetime + stale + keep);
    }
}
