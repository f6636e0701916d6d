package io.gatecache.core;

import io.gatecache.core.ResponseDecision.GatewayTimeout;
import io.gatecache.core.ResponseDecision.Invalidation;
import io.gatecache.core.ResponseDecision.Pass;
import io.gatecache.core.ResponseDecision.Serve;
import io.gatecache.core.ResponseDecision.Store;
import io.gatecache.core.rules.CacheRule;
import io.gatecache.core.rules.RulePolicy;
import java.util.Set;

/**
 * What the cache does with the origin's response to a forwarded request: the one decision after
 * the origin, a ladder of early returns. In order: unsafe methods invalidate (RFC 9111 §4.4); a
 * 304 to the cache's own validators freshens the entry and answers from it (§4.3.3, §4.3.4); a
 * server error or an unreachable origin is answered stale where allowed (RFC 5861 §4, RFC 9111
 * §4.2.4) or with 504 (§5.2.2.2); a 200 to HEAD freshens or invalidates the stored GET (§4.3.5);
 * then the cache rules, Symfony's default Cache-Control, and the storage rules (§3) decide
 * between storing and passing. The targeted field (RFC 9213) is read once, here, and the entry
 * to store is built from what was read.
 */
public final class ResponsePolicy {

    /**
     * The origin's response as the policy sees it.
     *
     * @param status the status code
     * @param headers the response's header fields
     * @param unreachable the origin could not be reached at all (the status is the gateway's own)
     * @param gateway the response comes from a gateway origin, which gets no application defaults
     */
    public record Origin(int status, Headers headers, boolean unreachable, boolean gateway) {
    }

    /**
     * The forwarded request as the policy sees it.
     *
     * @param request the request
     * @param lookup what the lookup found (its entry, if any)
     * @param rule the cache rule the request matched, or null
     * @param validatorsAdded whether the stored validators were put in the forwarded request
     * @param requestTime request_time, epoch millis
     */
    public record Forwarded(CacheRequest request, Lookup lookup, CacheRule rule, boolean validatorsAdded,
            long requestTime) {
    }

    private final CacheOptions options;
    private final LookupPolicy lookupPolicy;
    private final StoragePolicy storagePolicy;
    private final RulePolicy rulePolicy;
    private final HeaderRules headerRules;

    public ResponsePolicy(CacheOptions options, RulePolicy rulePolicy, HeaderRules headerRules) {
        this(options, rulePolicy, headerRules, StoragePolicy.CONTEXT_FIELD);
    }

    /** @param contextField the user context hash field's name */
    public ResponsePolicy(CacheOptions options, RulePolicy rulePolicy, HeaderRules headerRules, String contextField) {
        this.options = options;
        this.lookupPolicy = new LookupPolicy(options);
        this.storagePolicy = new StoragePolicy(options, contextField);
        this.rulePolicy = rulePolicy;
        this.headerRules = headerRules;
    }

    /**
     * @param forwarded the request that was forwarded
     * @param origin its response
     * @param now the current time, epoch millis (response_time)
     */
    public ResponseDecision decide(Forwarded forwarded, Origin origin, long now) {
        CacheRequest request = forwarded.request();
        StoredResponse entry = forwarded.lookup().entry();
        int status = origin.status();
        Headers headers = origin.headers();
        if (!request.isGetOrHead()) {
            Invalidation invalidation = request.isUnsafe() && status >= 200 && status < 400
                    ? Invalidation.KEY_AND_LOCATIONS : Invalidation.NONE;
            return new Pass(CacheStatus.DYNAMIC, null, invalidation, null, Reason.METHOD, Reason.METHOD.text());
        }
        if (forwarded.lookup().reason() == Reason.FOREIGN_HOST) {
            return new Pass(CacheStatus.BYPASS, null, Invalidation.NONE, null, Reason.FOREIGN_HOST,
                    Reason.FOREIGN_HOST.text());
        }
        if (status == 304 && forwarded.validatorsAdded() && entry != null) {
            return freshened(forwarded, entry, headers, now, Reason.VALID);
        }
        if (status >= 500 && entry != null) {
            if (lookupPolicy.canServeStaleOnError(entry, now, origin.unreachable())) {
                Reason why = origin.unreachable() ? Reason.ORIGIN_UNREACHABLE : Reason.STALE_IF_ERROR;
                return new Serve(CacheStatus.STALE, entry, false, Invalidation.NONE, why, why.text());
            }
            if (origin.unreachable()) {
                return new GatewayTimeout(Reason.MAY_NOT_SERVE_STALE, Reason.MAY_NOT_SERVE_STALE.text());
            }
        }
        if (request.method().equals("HEAD") && status == 200 && entry != null) {
            // RFC 9111 §4.3.5: a 200 to HEAD freshens the stored GET it describes, which then
            // answers, unless the HEAD sets a cookie (only the origin's own answer carries it);
            // one that does not describe the stored GET invalidates it
            if (entry.describedBy(headers)) {
                Serve freshened = freshened(forwarded, entry, headers, now, Reason.HEAD_DESCRIBES);
                if (!headers.contains("Set-Cookie")) {
                    return freshened;
                }
                Pass pass = (Pass) storeOrPass(forwarded, origin);
                return new Pass(pass.status(), freshened.store() ? freshened.entry() : null, freshened.invalidation(),
                        pass.defaultCacheControl(), pass.reason(), pass.detail());
            }
            Pass pass = (Pass) storeOrPass(forwarded, origin);
            return new Pass(pass.status(), null, Invalidation.KEY, pass.defaultCacheControl(), pass.reason(),
                    pass.detail());
        }
        return storeOrPass(forwarded, origin);
    }

    /** The cache rules, the default Cache-Control and the storage rules. */
    private ResponseDecision storeOrPass(Forwarded forwarded, Origin origin) {
        CacheRequest request = forwarded.request();
        int status = origin.status();
        Headers headers = origin.headers();
        CacheOptions.Targeted targeted = options.targeted(headers);
        Headers view = options.policyView(headers, targeted);
        RulePolicy.Decision rule = rulePolicy.decide(forwarded.rule(), status, view);
        String defaulted = null;
        StoragePolicy.Decision storage;
        switch (rule.verdict()) {
            case DO_NOT_CACHE -> storage = new StoragePolicy.Decision(false,
                    rule.forbidden() ? CacheStatus.BYPASS : CacheStatus.DYNAMIC, rule.reason(), rule.detail());
            case CACHE_FOR -> storage = storagePolicy.decideForRule(request, status, headers);
            default -> {
                if (options.defaultCacheControl() && !origin.gateway()) {
                    defaulted = DefaultCacheControl.forResponse(headers);
                    if (defaulted != null) {
                        view = view.with("Cache-Control", defaulted);
                    }
                }
                storage = storagePolicy.decide(request, status, view);
            }
        }
        StoredResponse entry = forwarded.lookup().entry();
        if (!storage.store()) {
            // the origin's answer replaces what was stored, and may not be stored itself (no
            // answer at all replaces nothing: the entry stays for when the origin is back)
            boolean replaces = entry != null && request.method().equals("GET") && !origin.unreachable();
            return new Pass(defaulted != null ? CacheStatus.DYNAMIC : storage.refusal(), null,
                    replaces ? Invalidation.KEY : Invalidation.NONE, defaulted,
                    defaulted != null ? Reason.DEFAULT_CACHE_CONTROL : storage.reason(),
                    defaulted != null ? Reason.DEFAULT_CACHE_CONTROL.text() : storage.detail());
        }
        boolean ruleTtl = rule.verdict() == RulePolicy.Verdict.CACHE_FOR;
        // a response given the default Cache-Control is private: it never gets here
        return new Store(entry == null ? CacheStatus.MISS : CacheStatus.EXPIRED, ruleTtl ? rule.ttl() : -1,
                targeted, ruleTtl ? rule.reason() : storage.reason(), ruleTtl ? rule.detail() : storage.detail());
    }

    /**
     * The stored entry freshened by a 304's (or a HEAD's) fields (RFC 9111 §4.3.4), answered
     * from the store; stored again when the freshened response is still storable, judged as the
     * GET that was stored, else its key is invalidated.
     */
    private Serve freshened(Forwarded forwarded, StoredResponse old, Headers update, long now, Reason why) {
        StoredResponse entry = old.refreshed(headerRules.freshen(old.headers(), update, now),
                forwarded.requestTime(), now);
        CacheRequest asGet = new CacheRequest("GET", forwarded.request().fields());
        StoragePolicy.Decision storable = old.cacheTtl() >= 0
                ? storagePolicy.decideForRule(asGet, entry.status(), entry.headers())
                : storagePolicy.decide(asGet, entry.status(), options.policyView(entry.headers()));
        return new Serve(CacheStatus.REVALIDATED, entry, storable.store(),
                storable.store() ? Invalidation.NONE : Invalidation.KEY, why, why.text());
    }

    /**
     * The entry to store for a {@link Store} decision once the body is complete: the header
     * section as stored (RFC 9111 §3.1), the request's values of the fields Vary names, the
     * rule's TTL and the tags.
     *
     * @param headers the response's fields as sent
     */
    public StoredResponse entry(Forwarded forwarded, Store decision, int status, Headers headers, byte[] body,
            Set<String> tags, long now) {
        CacheOptions.Targeted targeted = decision.targeted();
        Headers stored = headerRules.forStorage(headers.without("Content-Length"), now, targeted.values());
        return StoredResponse.received(status, stored, body, forwarded.requestTime(), now,
                Variants.variantKey(Vary.parse(stored.get("Vary")), forwarded.request().fields()),
                decision.cacheTtl(), targeted.field(), targeted.cacheControl(), tags);
    }

    /** How long the store keeps an entry (see {@link StoragePolicy#storeLifespan}). */
    public long storeLifespan(StoredResponse entry) {
        return storagePolicy.storeLifespan(entry);
    }
}
