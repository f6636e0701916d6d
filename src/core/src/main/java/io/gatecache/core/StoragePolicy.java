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

    /** The user context hash field's name unless configured otherwise: the seeds'. */
    public static final String CONTEXT_FIELD = "X-User-Hash";

    private final CacheOptions options;
    private final String contextField;

    public StoragePolicy(CacheOptions options) {
        this(options, CONTEXT_FIELD);
    }

    /** @param contextField the user context hash field's name */
    public StoragePolicy(CacheOptions options, String contextField) {
        this.options = options;
        this.contextField = contextField;
    }

    /**
     * The verdict: store or not, and if not, which status; why, and the words of the trace.
     *
     * @param detail the reason's text with its subject (the field, the status)
     */
    public record Decision(boolean store, CacheStatus refusal, Reason reason, String detail) {
        static Decision store(Reason reason) {
            return new Decision(true, null, reason, reason.text());
        }

        static Decision bypass(Reason reason) {
            return new Decision(false, CacheStatus.BYPASS, reason, reason.text());
        }

        static Decision dynamic(Reason reason) {
            return new Decision(false, CacheStatus.DYNAMIC, reason, reason.text());
        }

        static Decision privateHeader(String name) {
            return new Decision(false, CacheStatus.BYPASS, Reason.PRIVATE_HEADER,
                    Reason.PRIVATE_HEADER.text() + " " + name.toLowerCase(Locale.ROOT));
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
            return Decision.bypass(Reason.MUST_UNDERSTAND);
        }
        if (cc.noStore() && !understood) {
            return Decision.bypass(Reason.NO_STORE);
        }
        if (cc.isPrivate() && cc.privateFields().isEmpty()) {
            return Decision.bypass(Reason.PRIVATE);
        }
        if (headers.contains("Set-Cookie")) {
            return Decision.bypass(Reason.SET_COOKIE);
        }
        if (Vary.parse(headers.get("Vary")).any()) {
            return Decision.bypass(Reason.VARY_ANY);
        }
        Decision context = byUserContext(request, headers);
        if (context != null && !context.store()) {
            return context;
        }
        boolean sMaxAge = cc.sMaxAge() != CacheControl.ABSENT;
        boolean contextKeyed = context != null;
        if (request.field("Authorization") != null && !(cc.isPublic() || sMaxAge || cc.mustRevalidate() || contextKeyed)) {
            return Decision.bypass(Reason.AUTHORIZATION);
        }
        if (!cc.isPublic() && !sMaxAge && !contextKeyed) {
            for (String name : options.privateHeaders()) {
                if (request.field(name) != null) {
                    return Decision.privateHeader(name);
                }
            }
        }
        boolean validator = headers.contains("ETag") || headers.contains("Last-Modified");
        boolean explicit = Freshness.hasExplicitFreshness(cc, headers.contains("Expires"));
        if (explicit || cc.isPublic()) {
            if (!validator && (cc.noCache() || zeroLifetime(cc)) && !hasStaleWindow(cc)) {
                return Decision.bypass(cc.noCache() ? Reason.NO_CACHE : Reason.ZERO_MAX_AGE);
            }
            return Decision.store(explicit ? Reason.EXPLICIT_FRESHNESS : Reason.PUBLIC);
        }
        if (Freshness.HEURISTICALLY_CACHEABLE.contains(status)) {
            if (cc.noCache()) {
                return validator ? Decision.store(Reason.NO_CACHE_WITH_VALIDATOR) : Decision.bypass(Reason.NO_CACHE);
            }
            if (options.defaultTtl() > 0) {
                return Decision.store(Reason.DEFAULT_TTL);
            }
            if (options.heuristicFreshness() && headers.contains("Last-Modified")) {
                return Decision.store(Reason.HEURISTIC);
            }
        }
        return Decision.dynamic(Reason.NO_EXPLICIT_FRESHNESS);
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
            return Decision.bypass(Reason.SET_COOKIE);
        }
        if (Vary.parse(headers.get("Vary")).any()) {
            return Decision.bypass(Reason.VARY_ANY);
        }
        Decision context = byUserContext(request, headers);
        if (context != null) {
            return context.store() ? Decision.store(Reason.RULE_TTL) : context;
        }
        for (String name : options.privateHeaders()) {
            if (request.field(name) != null) {
                return Decision.privateHeader(name);
            }
        }
        if (request.field("Authorization") != null) {
            return Decision.bypass(Reason.AUTHORIZATION);
        }
        return Decision.store(Reason.RULE_TTL);
    }

    /**
     * What the user context hash says, for a response that varies on it: stored only for a request
     * that has a hash (which then stands for its credentials and cookies, so they keep nothing
     * out of the store); null for a response that does not vary on it.
     */
    private Decision byUserContext(CacheRequest request, Headers headers) {
        if (!io.gatecache.core.context.HiddenContext.varies(headers.get("Vary"), contextField)) {
            return null;
        }
        return request.field(contextField) == null ? Decision.bypass(Reason.USER_CONTEXT_UNKNOWN)
                : Decision.store(Reason.USER_CONTEXT);
    }

    /** The first rungs of both ladders: only GET, never for a request with no-store, never 1xx, 206, 304. */
    private static Decision refusedByRequestOrStatus(CacheRequest request, int status) {
        if (!request.method().equals("GET")) {
            return Decision.dynamic(Reason.METHOD);
        }
        if (request.cacheControl().noStore()) {
            return Decision.bypass(Reason.REQUEST_NO_STORE);
        }
        if (request.hasBody()) {
            // the body is not part of the key: an answer shaped by it must not be shared
            return Decision.bypass(Reason.REQUEST_BODY);
        }
        if (status < 200 || status == 206 || status == 304) {
            return new Decision(false, CacheStatus.DYNAMIC, Reason.STATUS, "status " + status);
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
