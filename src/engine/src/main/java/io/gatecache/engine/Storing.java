package io.gatecache.engine;

import io.gatecache.core.CacheKey;
import io.gatecache.core.CacheStatus;
import io.gatecache.core.Headers;
import io.gatecache.core.HttpDate;
import io.gatecache.core.Lookup;
import io.gatecache.core.Reason;
import io.gatecache.core.ResponseDecision;
import io.gatecache.core.ResponsePolicy;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.context.HiddenContext;
import io.gatecache.core.tags.Tags;
import io.gatecache.spi.ResponseStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * What the origin's response comes to: the validators the forwarded request carries, the
 * decision on the origin's status and fields (answered from the store instead, sent, or captured
 * to be stored), the invalidations it causes, and the put of what was captured, judged again on
 * its final fields. Each path ends the request's coalescing turn.
 */
final class Storing {

    private static final Logger LOG = Logger.getLogger(Storing.class.getName());

    private final ResponsePolicy responsePolicy;
    private final ResponseStore store;
    private final Answers answers;
    private final Coalescing coalescing;
    private final Purger purger;
    private final Statistics statistics;
    private final Clock clock;
    private final long maxLifespanMillis;
    private final Settings.UserContext userContext;

    Storing(ResponsePolicy responsePolicy, ResponseStore store, Answers answers, Coalescing coalescing,
            Purger purger, Statistics statistics, Clock clock, long maxLifespanMillis,
            Settings.UserContext userContext) {
        this.userContext = userContext;
        this.responsePolicy = responsePolicy;
        this.store = store;
        this.answers = answers;
        this.coalescing = coalescing;
        this.purger = purger;
        this.statistics = statistics;
        this.clock = clock;
        this.maxLifespanMillis = maxLifespanMillis;
    }

    /**
     * The fields to put in the forwarded request in place of the client's conditionals: the
     * stored response's validators when it is being revalidated (RFC 9111 §4.3.1); empty otherwise.
     */
    Headers validators(Exchange ex) {
        StoredResponse entry = ex.lookup.entry();
        if (ex.lookup.outcome() != Lookup.Outcome.REVALIDATE || entry == null || !entry.hasValidator()) {
            return Headers.EMPTY;
        }
        ex.decided.validatorsAdded = true;
        Headers.Builder b = Headers.builder();
        entry.etag().ifPresent(tag -> b.add("If-None-Match", tag.toString()));
        if (entry.lastModified() >= 0) {
            b.add("If-Modified-Since", HttpDate.format(entry.lastModified()));
        }
        return b.build();
    }

    /**
     * Decides what happens to the origin's response, given its status and fields (the body comes
     * later, if at all): answered from the store instead, or sent, captured for the store or not.
     * Invalidations happen here; unless the response is captured, the key's coalescing turn ends
     * here too.
     *
     * @param unreachable the origin could not be reached (the status is the gateway's own)
     * @param gateway the response comes from a gateway origin (no application defaults)
     */
    Reply respond(Exchange ex, int status, Headers sent, boolean unreachable, boolean gateway) {
        Headers headers = varied(sent);
        Decided decided = ex.decided;
        decided.status = status;
        decided.unreachable = unreachable;
        decided.gateway = gateway;
        decided.storing = null;
        ResponseDecision decision = responsePolicy.decide(ex.forwarded(),
                new ResponsePolicy.Origin(status, headers, unreachable, gateway), clock.millis());
        if (decision instanceof ResponseDecision.Store storing) {
            decided.storing = storing;
            ex.trace(ex.lookup.entry() == null ? "miss" : "invalid");
            Headers set = sentFields(headers, null);
            decided.on = FieldSet.of(status, headers.replacedBy(set));
            return new Reply.Send(set, Headers.EMPTY, true);
        }
        try {
            if (decision instanceof ResponseDecision.Serve serve) {
                invalidate(ex, serve.invalidation(), headers);
                if (serve.store()) {
                    put(ex, serve.entry());
                }
                return new Reply.Replace(answers.answer(ex, serve.entry(), serve.status(),
                        serve.status() == CacheStatus.REVALIDATED ? null : serve.detail()));
            }
            if (decision instanceof ResponseDecision.GatewayTimeout timeout) {
                return new Reply.Replace(answers.gatewayTimeout(ex, timeout));
            }
            ResponseDecision.Pass pass = (ResponseDecision.Pass) decision;
            if (ex.request.isGetOrHead()) {
                ex.trace(ex.lookup.entry() == null ? "miss" : "invalid");
                ex.trace("pass");
            }
            invalidate(ex, pass.invalidation(), headers);
            if (pass.update() != null) {
                put(ex, pass.update());
            }
            ex.status = pass.status();
            statistics.record(ex);
            Headers.Builder fields = Headers.builder();
            answers.addStatusFields(fields, ex, false, ex.lookup.fwd(), status, null, false, pass.detail());
            return new Reply.Send(sentFields(headers, pass.defaultCacheControl()), fields.build(), false);
        } finally {
            coalescing.release(ex);
        }
    }

    /**
     * The response's fields as the store judges and keeps them: with {@code always-vary}, a Vary
     * naming the user context hash field when it does not already.
     */
    private Headers varied(Headers headers) {
        if (!userContext.alwaysVary() || HiddenContext.varies(headers.get("Vary"), userContext.field())) {
            return headers;
        }
        String vary = headers.get("Vary");
        return headers.replacedBy(Headers.of("Vary", vary == null || vary.isBlank() ? userContext.field()
                : vary + ", " + userContext.field()));
    }

    /** Date when the response has none (RFC 9110 §6.6.1), and the default Cache-Control. */
    private Headers sentFields(Headers headers, String defaultCacheControl) {
        Headers.Builder out = Headers.builder();
        if (!headers.contains("Date")) {
            out.add("Date", HttpDate.format(clock.millis()));
        }
        if (defaultCacheControl != null) {
            out.add("Cache-Control", defaultCacheControl);
        }
        return out.build();
    }

    /**
     * Stores the captured response the exchange decided to store, and gives the status fields to
     * add: {@code stored} only when the store took it. The response is judged again on its final
     * status and fields first: one that changed after the decision (a session cookie added while
     * the body was written, say) and is no longer storable is not stored. Ends the coalescing turn.
     *
     * @param headers the response's fields as sent
     * @param tags the tags to store it with
     */
    Headers complete(Exchange ex, int status, Headers sent, byte[] body, Set<String> tags) {
        ResponseDecision.Store storing = ex.decided.storing;
        if (storing == null) {
            return Headers.EMPTY;
        }
        ex.decided.storing = null;
        Headers headers = varied(sent);
        if (ex.context != null && HiddenContext.varies(headers.get("Vary"), userContext.field())
                && !ex.context.unchanged()) {
            ex.trace("pass");
            coalescing.release(ex);
            return finalFields(ex, storing, status, false, Reason.USER_CONTEXT_CHANGED.text());
        }
        if (!Tags.fits(tags)) {
            ex.trace("pass");
            coalescing.release(ex);
            LOG.warning(() -> "Gatecache: " + ex.key + " is not stored: " + tags.size() + " tags (at most "
                    + Tags.MAX_TAGS + ", each at most " + Tags.MAX_TAG_LENGTH + " characters)");
            return finalFields(ex, storing, status, false, Reason.TAGS_TOO_LARGE.text());
        }
        try {
            ResponseDecision again = FieldSet.of(status, headers).equals(ex.decided.on) ? storing
                    : responsePolicy.decide(ex.forwarded(),
                            new ResponsePolicy.Origin(status, headers, ex.decided.unreachable, ex.decided.gateway), clock.millis());
            if (!(again instanceof ResponseDecision.Store finalDecision)
                    || finalDecision.cacheTtl() != storing.cacheTtl()) {
                ex.trace("pass");
                return finalFields(ex, storing, status, false, Reason.CHANGED_AFTER_DECISION.text() + ": "
                        + again.detail());
            }
            StoredResponse entry = responsePolicy.entry(ex.forwarded(), finalDecision, status, headers, body, tags,
                    clock.millis());
            ResponseStore.PutOutcome outcome = put(ex, entry);
            String detail = switch (outcome) {
                case STORED -> storing.cacheTtl() >= 0 ? storing.detail() : null;
                case INVALIDATED -> Reason.INVALIDATED_MEANWHILE.text();
                case FAILED -> Reason.STORE_FAILED.text();
                case NOT_KEPT -> Reason.NOT_KEPT.text();
            };
            return finalFields(ex, storing, status, outcome == ResponseStore.PutOutcome.STORED, detail);
        } finally {
            coalescing.release(ex);
        }
    }

    /**
     * Gives up storing the exchange's response (its body grew past {@code max-entry-bytes}, say),
     * and gives the status fields to add, which say it was not stored and why. Ends the
     * coalescing turn.
     */
    Headers abandon(Exchange ex, Reason why) {
        ResponseDecision.Store storing = ex.decided.storing;
        if (storing == null) {
            return Headers.EMPTY;
        }
        ex.decided.storing = null;
        ex.trace("pass");
        try {
            return finalFields(ex, storing, ex.decided.status, false, why.text());
        } finally {
            coalescing.release(ex);
        }
    }

    /** A status and header fields compared whatever their order, without Content-Length. */
    record FieldSet(int status, Map<String, List<String>> fields) {
        static FieldSet of(int status, Headers headers) {
            Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String name : headers.names()) {
                if (!name.equalsIgnoreCase("Content-Length")) {
                    m.put(name, headers.all(name));
                }
            }
            return new FieldSet(status, m);
        }
    }

    private Headers finalFields(Exchange ex, ResponseDecision.Store storing, int status, boolean stored,
            String detail) {
        ex.status = storing.status();
        statistics.record(ex);
        Headers.Builder out = Headers.builder();
        answers.addStatusFields(out, ex, false, ex.lookup.fwd(), status, null, stored, detail);
        return out.build();
    }

    /** Stores an entry unless its key was invalidated since the request started. */
    private ResponseStore.PutOutcome put(Exchange ex, StoredResponse entry) {
        long lifespan = Math.min(responsePolicy.storeLifespan(entry), maxLifespanMillis);
        ResponseStore.PutOutcome outcome = store.put(ex.key, entry, ex.requestTime, lifespan);
        switch (outcome) {
            case STORED -> {
                statistics.stores.increment();
                ex.decided.stored = true;
                ex.trace("store");
            }
            case INVALIDATED -> {
                ex.decided.purgedMeanwhile = true;
                ex.trace("invalidated meanwhile");
            }
            default -> ex.trace("store failed");
        }
        return outcome;
    }

    private void invalidate(Exchange ex, ResponseDecision.Invalidation invalidation, Headers response) {
        if (invalidation == ResponseDecision.Invalidation.NONE) {
            return;
        }
        purger.invalidate(ex.key);
        if (invalidation == ResponseDecision.Invalidation.KEY_AND_LOCATIONS) {
            for (String ref : new String[] {response.first("Location"), response.first("Content-Location")}) {
                String k = CacheKey.resolveSameOrigin(ex.origin, ex.key, ref);
                if (k != null && !k.equals(ex.key)) {
                    purger.invalidate(k);
                }
            }
        }
        ex.trace("invalidate");
    }

    /** What this stage decided on a request's origin response, which only this stage changes. */
    static final class Decided {
        /** The stored validators replaced the client's in the forwarded request. */
        private boolean validatorsAdded;
        /** The decision to store, waiting for the body. */
        private ResponseDecision.Store storing;
        /** The status and fields that decision was taken on, with the fields the engine set. */
        private FieldSet on;
        /** The origin's status, for the status fields. */
        private int status;
        /** The origin could not be reached (the status is the gateway's own). */
        private boolean unreachable;
        /** The response comes from a gateway origin. */
        private boolean gateway;
        /** A response to this request was written to the store. */
        private boolean stored;
        /** The key was purged while the response was built: it is not stored, nor to be kept downstream. */
        private boolean purgedMeanwhile;

        /** Whether the key was purged while the response was built. */
        boolean purgedMeanwhile() {
            return purgedMeanwhile;
        }

        boolean validatorsAdded() {
            return validatorsAdded;
        }

        /** The origin's status. */
        int status() {
            return status;
        }

        /** Whether a response to this request was written to the store. */
        boolean stored() {
            return stored;
        }

        /** Nothing will be stored: a failure is answered instead. */
        void abandon() {
            storing = null;
        }
    }
}
