package io.gatecache.core;

/**
 * What the cache does with a request, given what it has stored: the decision of
 * {@link LookupPolicy}, acted on by the mechanism.
 *
 * @param outcome what to do
 * @param entry the selected stored variant, or null
 * @param currentAge current_age of the entry in millis (0 without an entry)
 * @param freshnessLifetime freshness_lifetime of the entry in millis (0 without an entry)
 * @param reason why
 */
public record Lookup(Outcome outcome, StoredResponse entry, long currentAge, long freshnessLifetime, Reason reason) {

    public enum Outcome {
        /** Not a request the cache answers from store (method); forward it. */
        PASS,
        /** Nothing stored for the URI, or no matching variant: forward, maybe store. */
        MISS,
        /** A fresh entry: answer from the store. */
        FRESH,
        /** A stale entry the client accepts (max-stale): answer from the store as stale. */
        STALE,
        /** A stale entry within stale-while-revalidate: answer it and refresh in the background. */
        STALE_WHILE_REVALIDATE,
        /** A stale (or must-validate) entry: validate with the origin before use. */
        REVALIDATE,
        /** only-if-cached and nothing usable is stored: answer 504 (RFC 9111 §5.2.1.7). */
        UNSATISFIABLE
    }

    public static Lookup pass(Reason reason) {
        return new Lookup(Outcome.PASS, null, 0, 0, reason);
    }

    public static Lookup miss(Reason reason) {
        return new Lookup(Outcome.MISS, null, 0, 0, reason);
    }

    /** A lookup that validates the same entry with the origin instead of answering it. */
    public Lookup revalidateInstead(Reason why) {
        return new Lookup(Outcome.REVALIDATE, entry, currentAge, freshnessLifetime, why);
    }

    /** Why, in the words of the trace and the Cache-Status detail. */
    public String detail() {
        return reason.text();
    }

    /** The RFC 9211 fwd parameter of a request that went forward after this lookup. */
    public String fwd() {
        String fwd = reason.fwd();
        return fwd != null ? fwd : "miss";
    }

    /** Whether the outcome is answered from the store without the origin. */
    public boolean answersFromStore() {
        return outcome == Outcome.FRESH || outcome == Outcome.STALE || outcome == Outcome.STALE_WHILE_REVALIDATE;
    }

    /** Remaining freshness in whole seconds; negative once stale (the Cache-Status ttl). */
    public long ttlSeconds() {
        return Math.floorDiv(freshnessLifetime - currentAge, 1000);
    }
}
