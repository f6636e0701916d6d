package io.gatecache.engine;

import io.gatecache.core.ByteRanges;
import io.gatecache.core.CacheStatus;
import io.gatecache.core.CacheStatusField;
import io.gatecache.core.Freshness;
import io.gatecache.core.HeaderRules;
import io.gatecache.core.context.HiddenContext;
import io.gatecache.core.Headers;
import io.gatecache.core.HttpDate;
import io.gatecache.core.Lookup;
import io.gatecache.core.LookupPolicy;
import io.gatecache.core.Preconditions;
import io.gatecache.core.Reason;
import io.gatecache.core.ResponseDecision;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.tags.Tags;
import io.gatecache.engine.downstream.DownstreamTags;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Answers the cache gives itself: from a stored response (the entry, a 304, a range), the 504s
 * of only-if-cached and of an unreachable origin, and the status fields every response carries
 * (the status header, Cache-Status, the debug trace); each counted.
 */
final class Answers {

    private final Settings settings;
    private final LookupPolicy lookupPolicy;
    private final HeaderRules headerRules;
    private final EsiPages esiPages;
    private final Statistics statistics;
    private final Clock clock;
    private final String tagHeader;
    /** The user context hash field, never shown to a client. */
    private final String contextField;
    private final DownstreamTags downstreamTags;

    Answers(Settings settings, LookupPolicy lookupPolicy, HeaderRules headerRules, EsiPages esiPages,
            Statistics statistics, Clock clock, DownstreamTags downstreamTags) {
        this.downstreamTags = downstreamTags;
        this.settings = settings;
        this.lookupPolicy = lookupPolicy;
        this.headerRules = headerRules;
        this.esiPages = esiPages;
        this.statistics = statistics;
        this.clock = clock;
        this.tagHeader = settings.purging().tagHeader();
        this.contextField = settings.userContext().field();
    }

    /**
     * The answer from the store for the lookup's outcome, or null when the request must go on.
     * A stale-while-revalidate outcome is answered when {@code refresh} starts (or finds running)
     * a background refresh; otherwise the entry is revalidated in the request instead.
     */
    Answer serve(Exchange ex, Predicate<Exchange> refresh) {
        return switch (ex.lookup.outcome()) {
            case FRESH -> answer(ex, ex.lookup.entry(), CacheStatus.HIT, null);
            case STALE -> answer(ex, ex.lookup.entry(), CacheStatus.STALE, ex.lookup.detail());
            case STALE_WHILE_REVALIDATE -> {
                if (refresh != null && refresh.test(ex)) {
                    yield answer(ex, ex.lookup.entry(), CacheStatus.STALE, Reason.STALE_WHILE_REVALIDATE.text());
                }
                ex.lookup = ex.lookup.revalidateInstead(Reason.REFRESHED_IN_REQUEST);
                yield null;
            }
            case UNSATISFIABLE -> unsatisfiable(ex);
            default -> null;
        };
    }

    /** The 504 for only-if-cached when nothing usable is stored (RFC 9111 §5.2.1.7). */
    private Answer unsatisfiable(Exchange ex) {
        ex.status = CacheStatus.MISS;
        ex.trace("miss");
        Headers.Builder out = Headers.builder();
        addStatusFields(out, ex, false, null, 0, null, false, Reason.ONLY_IF_CACHED.text());
        statistics.record(ex);
        return new Answer(504, Headers.EMPTY, out.build(), new byte[0], 0);
    }

    /**
     * The answer from a stored response: the entry itself, a 304 when the client's copy is
     * current, or the byte range a Range request asks for (206, or 416 when there is none), with
     * Age and the status fields.
     */
    Answer answer(Exchange ex, StoredResponse entry, CacheStatus status, String detail) {
        long age;
        long lifetime;
        if (entry == ex.lookup.entry()) {
            age = ex.lookup.currentAge() + (clock.millis() - ex.requestTime);
            lifetime = ex.lookup.freshnessLifetime();
        } else {
            age = Freshness.currentAge(entry, clock.millis());
            lifetime = Freshness.freshnessLifetime(entry, settings.options());
        }
        // a page assembled here is a new whole: the stored page's validators and bytes are not its own
        boolean assembled = esiPages.assembles(ex, entry.headers());
        boolean notModified = !assembled && Preconditions.notModified(ex.request, entry);
        Headers shown = ex.showsContext() ? entry.headers() : HiddenContext.forClient(entry.headers(), contextField);
        Headers.Builder added = Headers.builder().add("Age", String.valueOf(Freshness.ageHeaderSeconds(age)));
        ex.status = status;
        boolean revalidated = status == CacheStatus.REVALIDATED;
        ex.trace(status == CacheStatus.HIT ? "fresh" : revalidated ? "valid" : "stale");
        addStatusFields(added, ex, !revalidated, revalidated ? "stale" : null, revalidated ? ex.decided.status() : 0,
                Math.floorDiv(lifetime - age, 1000), revalidated && ex.decided.stored(), detail);
        statistics.record(ex);
        if (notModified) {
            // a proxy in front that revalidates takes its lifetime (lowered when its tags were cut) from here
            return downstream(new Answer(304, headerRules.notModified(shown), added.build(), (ByteChunks) null, -1),
                    entry.tags(), ex.key);
        }
        byte[] body = entry.body();
        ByteRanges.Selection range = assembled ? ByteRanges.Selection.FULL
                : ByteRanges.select(ex.request, entry, body.length);
        if (range.kind() == ByteRanges.Kind.PARTIAL) {
            added.add("Content-Range", range.contentRange());
            byte[] part = Arrays.copyOfRange(body, (int) range.first(), (int) range.last() + 1);
            return downstream(new Answer(206, shown, added.build(), part, part.length), entry.tags(), ex.key);
        }
        if (range.kind() == ByteRanges.Kind.UNSATISFIABLE) {
            added.add("Content-Range", range.contentRange());
            return new Answer(416, headerRules.notModified(shown), added.build(), new byte[0], 0);
        }
        if (ex.revealTags && !entry.tags().isEmpty() && !tagHeader.equalsIgnoreCase(downstreamTags.fieldName())) {
            added.add(tagHeader, Tags.format(entry.tags(), tagHeader));
        }
        boolean head = ex.request.method().equals("HEAD");
        return downstream(new Answer(entry.status(), shown, added.build(), head ? null : body, body.length),
                entry.tags(), ex.key);
    }

    /**
     * An answer with its tags in the field the proxy in front reads (see {@link DownstreamTags}),
     * the shared max-age lowered when they were cut.
     */
    static Answer downstream(DownstreamTags downstreamTags, Answer a, java.util.Collection<String> tags, String key) {
        if (!downstreamTags.on()) {
            return a;
        }
        Headers set = downstreamTags.fields(a.stored().replacedBy(a.added()), tags, key);
        if (set.size() == 0) {
            return a;
        }
        return new Answer(a.status(), a.stored().without(set.names().toArray(String[]::new)),
                a.added().replacedBy(set), a.content(), a.contentLength());
    }

    private Answer downstream(Answer a, java.util.Collection<String> tags, String key) {
        return downstream(downstreamTags, a, tags, key);
    }

    /** Adds the status header, Cache-Status and (debug) trace to a header section being built. */
    void addStatusFields(Headers.Builder out, Exchange ex, boolean hit, String fwd, int fwdStatus, Long ttl,
            boolean stored, String detail) {
        out.add(settings.statusFields().statusHeader(), ex.status.name());
        out.add("Cache-Status", CacheStatusField.format(settings.statusFields().cacheStatusName(), hit, fwd, fwdStatus, ttl,
                stored, ex.collapsed, detail));
        if (ex.trace != null) {
            out.add(settings.statusFields().traceHeader(), ex.trace.toString());
        }
    }

    /**
     * The answer to a request the store answers fresh (a hit, a 304, a HEAD, a single range), as
     * the front door would give it, when it needs nothing of the container: not an ESI page to
     * assemble or pass on, no tags to reveal. Null otherwise, with nothing counted: the request
     * goes on to the front door. For a front door below the web container (see docs/servers.md and
     * {@code gatecache.fast-path}).
     */
    Answer fresh(Exchange ex) {
        if (ex.lookup.outcome() != Lookup.Outcome.FRESH || ex.esiDepth > 0 || ex.revealTags
                || EsiAnnounce.announced(ex.lookup.entry().headers())) {
            return null;
        }
        return answer(ex, ex.lookup.entry(), CacheStatus.HIT, null);
    }

    /**
     * The 504 of RFC 9111 §5.2.2.2: the origin could not be reached and the stored response may
     * not be served stale. Reported as a bypass (nothing from the store was used); the entry stays.
     */
    Answer gatewayTimeout(Exchange ex, ResponseDecision.GatewayTimeout timeout) {
        ex.status = CacheStatus.BYPASS;
        ex.trace("pass");
        statistics.record(ex);
        Headers.Builder out = Headers.builder().add("Content-Type", "text/plain;charset=UTF-8")
                .add("Cache-Control", "no-store").add("Date", HttpDate.format(clock.millis()));
        addStatusFields(out, ex, false, ex.lookup.fwd(), 504, null, false, timeout.detail());
        byte[] body = "the origin could not be reached, and the stored response may not be served stale\n"
                .getBytes(StandardCharsets.UTF_8);
        return new Answer(504, Headers.EMPTY, out.build(), body, body.length);
    }

    /**
     * The stale entry instead of a failure with no response at all (an exception in the
     * application), within stale-if-error; null when not allowed. Nothing else changes: the
     * failure is the container's to report.
     */
    Answer failed(Exchange ex) {
        StoredResponse entry = ex.lookup.entry();
        if (!lookupPolicy.canServeStaleOnError(entry, clock.millis(), false)) {
            return null;
        }
        return answer(ex, entry, CacheStatus.STALE, Reason.STALE_IF_ERROR.text());
    }
}
