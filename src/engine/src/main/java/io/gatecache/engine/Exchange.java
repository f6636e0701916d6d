package io.gatecache.engine;

import io.gatecache.core.CacheRequest;
import io.gatecache.core.CacheStatus;
import io.gatecache.core.Lookup;
import io.gatecache.core.ResponseDecision;
import io.gatecache.core.ResponsePolicy;
import io.gatecache.core.Trace;
import io.gatecache.core.Vary;
import io.gatecache.core.rules.CacheRule;
import io.gatecache.spi.ResponseStore;
import java.util.List;

/**
 * What the engine knows and decided about one request, from its lookup to its end. Only the
 * engine changes it; the front door holds it and hands it back. Used by one thread at a time.
 */
public final class Exchange {

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
    Lookup lookup;
    /** What the variants stored for the key vary on, or null when none are stored. */
    Vary vary;
    /** The coalescing turn this request leads, released once its response is decided. */
    Coalescer.Ticket ticket;
    /** The turn's claim across the nodes sharing the store, when this request holds one. */
    ResponseStore.Claim claim;
    /** The turn's key (see CacheEngine#coalescingKey). */
    String turn;
    /** The request waited for another one with the same key. */
    boolean collapsed;
    /** The stored validators replaced the client's in the forwarded request. */
    boolean validatorsAdded;
    /** The decision to store, waiting for the body. */
    ResponseDecision.Store storing;
    /** The status and fields that decision was taken on, with the fields the engine set. */
    Storing.FieldSet decidedOn;
    /** The origin's status, for the status fields. */
    int originStatus;
    /** The origin could not be reached (the status is the gateway's own). */
    boolean unreachable;
    /** The response comes from a gateway origin. */
    boolean gateway;
    /** A response to this request was written to the store. */
    boolean stored;
    /** Whether the caller sees the tags header (debug mode, a trusted caller). */
    boolean revealTags;
    /** For a fragment request: how many pages include it, and their keys (outermost first). */
    int esiDepth;
    List<String> esiChain = List.of();
    /** Outcome reported for the response. */
    CacheStatus status;

    Exchange(String origin, String key, CacheRequest request, Lookup lookup, CacheRule rule, long requestTime,
            Trace trace) {
        this.origin = origin;
        this.key = key;
        this.request = request;
        this.lookup = lookup;
        this.rule = rule;
        this.requestTime = requestTime;
        this.trace = trace;
    }

    /** The primary key the request is stored under. */
    public String key() {
        return key;
    }

    /** The request method, upper case. */
    public String method() {
        return request.method();
    }

    /** The outcome reported, once decided; null before. */
    public CacheStatus status() {
        return status;
    }

    ResponsePolicy.Forwarded forwarded() {
        return new ResponsePolicy.Forwarded(request, lookup, rule, validatorsAdded, requestTime);
    }

    void trace(String event) {
        if (trace != null) {
            trace.add(event);
        }
    }

    /** Whether the caller sees the tags header (debug mode, a trusted caller). */
    public boolean revealsTags() {
        return revealTags;
    }
}
