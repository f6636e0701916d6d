package io.gatecache.core;

/**
 * Why the cache decided what it did, for every decision the policies return. The trace and the
 * {@code Cache-Status} detail print {@link #text()}; the RFC 9211 {@code fwd} parameter comes
 * from {@link #fwd()}. Decisions are taken on these values, never on their text.
 */
public enum Reason {
    // ---- lookup: why a request is answered from the store or goes forward --------------------
    METHOD("method", "method"),
    URI_MISS("uri-miss", "uri-miss"),
    VARY_MISS("vary-miss", "vary-miss"),
    FRESH("fresh", null),
    STALE("stale", "stale"),
    NO_CACHE("no-cache", "stale"),
    REQUEST_NO_CACHE("request no-cache", "request"),
    REQUEST_MAX_AGE("request max-age", "request"),
    REQUEST_MIN_FRESH("request min-fresh", "request"),
    REQUEST_MAX_STALE("request max-stale", null),
    STALE_WHILE_REVALIDATE("stale-while-revalidate", null),
    ONLY_IF_CACHED("only-if-cached", "miss"),
    /** A background refresh validates whatever is stored. */
    BACKGROUND_REFRESH("background refresh", "stale"),
    /** Within stale-while-revalidate, but no background refresh can be made: validated in the request. */
    REFRESHED_IN_REQUEST("stale, refreshed in the request", "stale"),
    /** A cache rule's no-cache mode: the store is not consulted. */
    RULE_NO_CACHE("no-cache", "bypass"),
    /** A host name this cache does not serve ({@code gatecache.hosts}): served, never stored. */
    FOREIGN_HOST("foreign host", "bypass"),

    // ---- storage: why a response is stored or not -------------------------------------------
    REQUEST_NO_STORE("request no-store", null),
    /** A GET with content: its answer may depend on what is not in the key. */
    REQUEST_BODY("request body", null),
    STATUS("status", null),
    MUST_UNDERSTAND("must-understand", null),
    NO_STORE("no-store", null),
    PRIVATE("private", null),
    SET_COOKIE("set-cookie", null),
    VARY_ANY("vary *", null),
    AUTHORIZATION("authorization", null),
    PRIVATE_HEADER("private header", null),
    /** It varies on the user context hash, and the request has none: the cache cannot tell whose it is. */
    USER_CONTEXT_UNKNOWN("no user context hash", null),
    /** It varies on the user context hash, which stands for the request's credentials and cookies. */
    USER_CONTEXT("user context", null),
    /** The user's context changed while the response was built (a login, a logout, a role change). */
    USER_CONTEXT_CHANGED("user context changed meanwhile", null),
    ZERO_MAX_AGE("max-age=0", null),
    EXPLICIT_FRESHNESS("explicit freshness", null),
    PUBLIC("public", null),
    NO_CACHE_WITH_VALIDATOR("no-cache with validator", null),
    DEFAULT_TTL("default_ttl", null),
    HEURISTIC("heuristic", null),
    NO_EXPLICIT_FRESHNESS("no explicit freshness", null),
    RULE_TTL("rule ttl", null),
    /** No Cache-Control: Symfony's conservative default was given to the response. */
    DEFAULT_CACHE_CONTROL("default cache-control", null),
    /** The body was larger than {@code max-entry-bytes}. */
    TOO_LARGE("larger than max-entry-bytes", null),
    /** The key was invalidated while the response was built: it may predate the change. */
    INVALIDATED_MEANWHILE("invalidated meanwhile", null),
    /** The store did not take the entry (it failed). */
    STORE_FAILED("store failed", null),
    /** The store took the entry and did not keep it (too small for it). */
    NOT_KEPT("not kept by the store", null),
    /** The response's body is written by the container (an error page, a redirect), not seen by the cache. */
    CONTAINER_BODY("written by the container", null),
    /** The status or fields changed after the response was judged storable, and no longer are. */
    CHANGED_AFTER_DECISION("changed after the decision", null),
    /**
     * The response has more tags than are kept, or a tag longer than a tag may be: stored with
     * fewer, a purge of one of the others would miss it, so it is not stored.
     */
    TAGS_TOO_LARGE("too many or too long tags", null),

    // ---- cache rules ----------------------------------------------------------------------
    NO_RULE("no rule", null),
    RULE_206("206 is not stored", null),
    RULE_STATUS_TTL("ttl for status", null),
    RULE_ORIGIN_HEADERS("origin headers", null),
    RULE_DEFAULT_TTL("default ttl", null),
    RULE_ORIGIN_CACHE_CONTROL("origin Cache-Control", null),
    RULE_NO_CACHE_CONTROL("no Cache-Control", null),
    RULE_OVERRIDE("override", null),
    RULE_ONE_SECOND("default 1 s", null),
    RULE_WITHOUT_HEADERS("without headers", null),
    RULE_NEEDS_STATUS_TTL("needs a ttl for its status", null),

    // ---- answers after the origin ---------------------------------------------------------
    /** The origin confirmed the stored response (304). */
    VALID("valid", null),
    /** A 200 to HEAD describes the stored GET and freshens it (RFC 9111 §4.3.5). */
    HEAD_DESCRIBES("head freshened", null),
    STALE_IF_ERROR("stale-if-error", null),
    ORIGIN_UNREACHABLE("origin unreachable", null),
    /** RFC 9111 §5.2.2.2: a stored response that may not be served stale, origin unreachable. */
    MAY_NOT_SERVE_STALE("may not serve stale", null);

    private final String text;
    private final String fwd;

    Reason(String text, String fwd) {
        this.text = text;
        this.fwd = fwd;
    }

    /** The words of the trace and of the Cache-Status detail. */
    public String text() {
        return text;
    }

    /** The RFC 9211 fwd value for a request that went forward for this reason, or null. */
    public String fwd() {
        return fwd;
    }
}
