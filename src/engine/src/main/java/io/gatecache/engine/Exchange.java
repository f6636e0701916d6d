package io.gatecache.engine;

import io.gatecache.core.CacheRequest;
import io.gatecache.core.CacheStatus;
import io.gatecache.core.Lookup;
import io.gatecache.core.ResponsePolicy;
import io.gatecache.core.Trace;
import io.gatecache.core.Vary;
import io.gatecache.core.rules.CacheRule;
import java.util.List;

/**
 * One request through the engine, from its lookup to its end. What was asked is fixed at the
 * lookup; each stage keeps its own part of the rest, which only that stage changes: the lookup's
 * outcome ({@link Lookups}, {@link Answers}), the coalescing turn ({@link Coalescing.Turn}), the
 * decision on the origin's response ({@link Storing.Decided}), and the outcome reported. The
 * front door never sees inside it. Used by one thread at a time.
 */
final class Exchange {

    /** The request's origin, {@code scheme://host[:port]}. */
    final String origin;
    /** The primary key: path and query. */
    final String key;
    final CacheRequest request;
    /** request_time: when the request was looked up and forwarded on, epoch millis. */
    final long requestTime;
    final Trace trace;
    /** The cache rule the request's path matched, or null. */
    final CacheRule rule;
    /** For a fragment request: how many pages include it, and their keys (outermost first). */
    final int esiDepth;
    final List<String> esiChain;
    /** Whether the caller sees the tags header (debug mode, a trusted caller). */
    final boolean revealTags;
    /** The request waited for another one with the same key. */
    final boolean collapsed;

    /** The lookup's outcome: what the store holds for the request and what to do with it. */
    Lookup lookup;
    /** What the variants stored for the key vary on, or null when none are stored. */
    Vary vary;
    /** The coalescing turn this request leads, set by {@link Coalescing} when it leads one; null otherwise. */
    Coalescing.Turn turn;
    /** The decision on the origin's response. */
    final Storing.Decided decided = new Storing.Decided();
    /** Whether the request is a background refresh of the cache's own (set by {@link CacheEngine#refreshing}). */
    boolean refresh;
    /** The door the request came through (a door below the container says so). */
    FrontDoor door = FrontDoor.SERVLET;
    /** Outcome reported for the response. */
    CacheStatus status;
    /** The request's user context as it was resolved, or null when it has no hash. */
    UserContexts.Held context;

    Exchange(String origin, String key, CacheRequest request, Lookup lookup, Vary vary, CacheRule rule,
            long requestTime, Trace trace, int esiDepth, List<String> esiChain, boolean revealTags,
            boolean collapsed) {
        this.origin = origin;
        this.key = key;
        this.request = request;
        this.lookup = lookup;
        this.vary = vary;
        this.rule = rule;
        this.requestTime = requestTime;
        this.trace = trace;
        this.esiDepth = esiDepth;
        this.esiChain = List.copyOf(esiChain);
        this.revealTags = revealTags;
        this.collapsed = collapsed;
    }

    /** The same request looked up again, at {@code now}, after it waited for another. */
    Exchange again(Lookup lookup, Vary varies, long now) {
        Exchange ex = new Exchange(origin, key, request, lookup, varies, rule, now, trace, esiDepth, esiChain,
                revealTags, true);
        ex.context = context;
        return ex;
    }

    /** The primary key the request is stored under. */
    String key() {
        return key;
    }

    /** The request method, upper case. */
    String method() {
        return request.method();
    }

    /** The outcome reported, once decided; null before. */
    CacheStatus status() {
        return status;
    }

    ResponsePolicy.Forwarded forwarded() {
        return new ResponsePolicy.Forwarded(request, lookup, rule, decided.validatorsAdded(), requestTime);
    }

    void trace(String event) {
        if (trace != null) {
            trace.add(event);
        }
    }

    /** Whether the caller sees the user context hash in Vary (a trusted proxy that set it). */
    boolean showsContext() {
        return context != null && context.shown();
    }

    /** Whether the caller sees the tags header (debug mode, a trusted caller). */
    boolean revealsTags() {
        return revealTags;
    }
}
