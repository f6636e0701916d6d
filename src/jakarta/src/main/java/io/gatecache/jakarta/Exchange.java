package io.gatecache.jakarta;

import io.gatecache.core.CacheRequest;
import io.gatecache.core.CacheStatus;
import io.gatecache.core.Lookup;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Trace;
import io.gatecache.core.rules.CacheRule;

/**
 * What the cache knows and decided about one request, handed from the servlet filter to the
 * JAX-RS filters and the writer interceptor as a request attribute. Used by one request thread
 * at a time.
 */
final class Exchange {

    static final String ATTRIBUTE = Exchange.class.getName();

    /** The request's origin, {@code scheme://host[:port]}. */
    final String origin;
    /** The primary key: path and query. */
    final String key;
    final CacheRequest request;
    /** request_time: when the request was looked up and forwarded on, epoch millis. */
    final long requestTime;
    final Trace trace;
    Lookup lookup;

    /** The cache rule the request's path matched, or null. */
    CacheRule rule;
    /** Seconds a cache rule keeps the response being stored fresh, or -1 to follow its headers. */
    long cacheTtl = -1;
    /** The coalescing turn this request leads, released once its response is decided. */
    Coalescer.Ticket ticket;
    /** The stored validators replaced the client's in the forwarded request. */
    boolean validatorsAdded;
    /** The response is answered from the store; the filters leave it alone. */
    boolean answered;
    /** The request waited for another one with the same key. */
    boolean collapsed;
    /** The response filter decided to store; the writer interceptor stores the body. */
    boolean storing;
    /** A response to this request was written to the store. */
    boolean stored;
    /** The gateway could not reach the origin (no response at all): a stale entry may stand in. */
    boolean originUnreachable;
    /** Status of the origin's response, for the writer interceptor, which cannot see it. */
    int originStatus;
    /** Outcome reported for the response. */
    CacheStatus status;

    Exchange(String origin, String key, CacheRequest request, Lookup lookup, long requestTime, Trace trace) {
        this.origin = origin;
        this.key = key;
        this.request = request;
        this.lookup = lookup;
        this.requestTime = requestTime;
        this.trace = trace;
    }

    StoredResponse entry() {
        return lookup.entry();
    }

    /** Validates the entry with the origin instead of answering it stale (no background refresh here). */
    void revalidateInstead(String reason) {
        lookup = new Lookup(Lookup.Outcome.REVALIDATE, lookup.entry(), lookup.currentAge(),
                lookup.freshnessLifetime(), reason);
    }
}
