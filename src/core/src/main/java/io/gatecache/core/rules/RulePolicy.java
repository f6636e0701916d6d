package io.gatecache.core.rules;

import io.gatecache.core.Headers;
import io.gatecache.core.Reason;
import java.util.Set;

/**
 * How a CDN edge treats a response, given the rule its request matched: the default handling per
 * status family, the four origin modes and the TTLs by status (the defaults of an edge cache
 * such as Alibaba Cloud ESA). It applies when a rule matches, and to every request under the
 * {@code cdn} profile (with {@link #defaultRule} standing in); otherwise the response is judged
 * by RFC 9111 alone ({@link Verdict#FOLLOW_ORIGIN}).
 *
 * <p>The ladder: a response that sets a cookie is never cached; a no-cache rule caches nothing;
 * a TTL set for the status wins; then by status family: 200, 203, 300, 301, 308, 410 follow the
 * rule's mode; 204, 305, 404, 405, 414, 424, 429, 500-504 follow the origin's Pragma,
 * Cache-Control or Expires, else are cached for 1 second; 302, 307, 403 follow those headers, else
 * are not cached; any other status is cached only with a TTL for it. 206 is never stored.
 */
public final class RulePolicy {

    /** Statuses whose caching follows the rule's origin mode. */
    static final Set<Integer> BY_MODE = Set.of(200, 203, 300, 301, 308, 410);
    /** Error statuses cached by their headers, else for one second. */
    static final Set<Integer> ONE_SECOND = Set.of(204, 305, 404, 405, 414, 424, 429, 500, 501, 502, 503, 504);
    /** Statuses cached by their headers, else not at all. */
    static final Set<Integer> HEADERS_ONLY = Set.of(302, 307, 403);

    /** What to do with the response. */
    public enum Verdict {
        /** Judge by the origin's headers, RFC 9111. */
        FOLLOW_ORIGIN,
        /** Store for {@link Decision#ttl()} seconds, whatever the origin's caching headers say. */
        CACHE_FOR,
        /** Do not store. */
        DO_NOT_CACHE
    }

    /**
     * @param forbidden for DO_NOT_CACHE: true when the response itself forbade it (Set-Cookie:
     *        reported BYPASS), false when the rules left it uncached (DYNAMIC)
     * @param detail the reason's text with the rule's name and the status, for the trace
     */
    public record Decision(Verdict verdict, long ttl, boolean forbidden, Reason reason, String detail) {
        static Decision follow(Reason reason, String detail) {
            return new Decision(Verdict.FOLLOW_ORIGIN, -1, false, reason, detail);
        }

        static Decision cacheFor(long ttl, Reason reason, String detail) {
            return ttl > 0 ? new Decision(Verdict.CACHE_FOR, ttl, false, reason, detail)
                    : new Decision(Verdict.DO_NOT_CACHE, 0, false, reason, detail + " (0 s)");
        }

        static Decision no(Reason reason, String detail) {
            return new Decision(Verdict.DO_NOT_CACHE, 0, false, reason, detail);
        }
    }

    private final boolean cdnProfile;
    private final CacheRule defaultRule;

    /**
     * @param cdnProfile whether requests that match no rule are judged the CDN way too
     * @param defaultTtl the TTL of the default rule (follow-else-default) under the cdn profile
     */
    public RulePolicy(boolean cdnProfile, long defaultTtl) {
        this.cdnProfile = cdnProfile;
        this.defaultRule = new CacheRule("default", CacheRule.Type.DIRECTORY, java.util.List.of("/"),
                OriginMode.FOLLOW_ELSE_DEFAULT, defaultTtl, StatusTtls.NONE);
    }

    public boolean cdnProfile() {
        return cdnProfile;
    }

    /**
     * @param rule the rule the request matched, or null
     * @param status the response status
     * @param origin the response's header section as the origin sent it
     */
    public Decision decide(CacheRule rule, int status, Headers origin) {
        if (rule == null) {
            if (!cdnProfile) {
                return Decision.follow(Reason.NO_RULE, Reason.NO_RULE.text());
            }
            rule = defaultRule;
        }
        String r = "rule " + rule.name() + ": ";
        if (origin.contains("Set-Cookie")) {
            return new Decision(Verdict.DO_NOT_CACHE, 0, true, Reason.SET_COOKIE, Reason.SET_COOKIE.text());
        }
        if (rule.mode() == OriginMode.NO_CACHE) {
            return Decision.no(Reason.RULE_NO_CACHE, r + Reason.RULE_NO_CACHE.text());
        }
        if (status == 206) {
            return Decision.no(Reason.RULE_206, r + Reason.RULE_206.text());
        }
        Long statusTtl = rule.statusTtls().ttl(status);
        if (statusTtl != null) {
            return Decision.cacheFor(statusTtl, Reason.RULE_STATUS_TTL, r + "ttl for " + status);
        }
        if (BY_MODE.contains(status)) {
            return switch (rule.mode()) {
                case FOLLOW_ELSE_DEFAULT -> origin.contains("Cache-Control") || origin.contains("Expires")
                        || origin.contains("Last-Modified") || origin.contains("ETag")
                        ? Decision.follow(Reason.RULE_ORIGIN_HEADERS, r + Reason.RULE_ORIGIN_HEADERS.text())
                        : Decision.cacheFor(rule.ttl(), Reason.RULE_DEFAULT_TTL, r + Reason.RULE_DEFAULT_TTL.text());
                case FOLLOW_ELSE_NO_CACHE -> origin.contains("Cache-Control")
                        ? Decision.follow(Reason.RULE_ORIGIN_CACHE_CONTROL, r + Reason.RULE_ORIGIN_CACHE_CONTROL.text())
                        : Decision.no(Reason.RULE_NO_CACHE_CONTROL, r + Reason.RULE_NO_CACHE_CONTROL.text());
                case OVERRIDE -> Decision.cacheFor(rule.ttl(), Reason.RULE_OVERRIDE, r + Reason.RULE_OVERRIDE.text());
                case NO_CACHE -> Decision.no(Reason.RULE_NO_CACHE, r + Reason.RULE_NO_CACHE.text());
            };
        }
        boolean headers = origin.contains("Cache-Control") || origin.contains("Expires") || origin.contains("Pragma");
        if (ONE_SECOND.contains(status)) {
            return headers ? Decision.follow(Reason.RULE_ORIGIN_HEADERS, r + Reason.RULE_ORIGIN_HEADERS.text())
                    : Decision.cacheFor(1, Reason.RULE_ONE_SECOND, r + status + " " + Reason.RULE_ONE_SECOND.text());
        }
        if (HEADERS_ONLY.contains(status)) {
            return headers ? Decision.follow(Reason.RULE_ORIGIN_HEADERS, r + Reason.RULE_ORIGIN_HEADERS.text())
                    : Decision.no(Reason.RULE_WITHOUT_HEADERS, r + status + " " + Reason.RULE_WITHOUT_HEADERS.text());
        }
        return Decision.no(Reason.RULE_NEEDS_STATUS_TTL, r + status + " " + Reason.RULE_NEEDS_STATUS_TTL.text());
    }
}
