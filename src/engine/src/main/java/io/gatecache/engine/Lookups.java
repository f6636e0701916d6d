package io.gatecache.engine;

import io.gatecache.core.CacheKey;
import io.gatecache.core.CacheRequest;
import io.gatecache.core.Lookup;
import io.gatecache.core.LookupPolicy;
import io.gatecache.core.Reason;
import io.gatecache.core.RequestFields;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Trace;
import io.gatecache.core.Variants;
import io.gatecache.core.rules.CacheRule;
import io.gatecache.core.rules.OriginMode;
import io.gatecache.core.tags.Tags;
import io.gatecache.spi.ResponseStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Admission and lookup: whether a request's origin is one this cache serves and its rule lets it
 * be cached, and what the store holds for it, as an {@link Exchange} the later stages carry on.
 */
final class Lookups {

    private static final Logger LOG = Logger.getLogger(Lookups.class.getName());
    private static final int MAX_WARNED_ORIGINS = 16;
    private static final int MAX_REMEMBERED_ORIGINS = 256;

    private final Settings settings;
    private final ResponseStore store;
    private final LookupPolicy lookupPolicy;
    private final RuleBook rules;
    private final Clock clock;
    private final ConcurrentHashMap<String, OriginFacts> originFacts = new ConcurrentHashMap<>();
    private final Set<String> warnedOrigins = ConcurrentHashMap.newKeySet();

    Lookups(Settings settings, ResponseStore store, LookupPolicy lookupPolicy, RuleBook rules, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.lookupPolicy = lookupPolicy;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Looks a request up; a fragment request of this cache's ESI includes (its marker read with
     * {@link EsiPages#fragment}) carries the pages above it and may be answered with fragments kept for
     * includes only.
     */
    Exchange begin(String method, String origin, int localPort, String path, String query,
            RequestFields fields, EsiPages.FragmentMark fragment, boolean revealTags) {
        RequestFields withOrigin = name -> Variants.ORIGIN.equals(name) ? origin : fields.get(name);
        CacheRequest request = new CacheRequest(method, withOrigin);
        String key = CacheKey.of(path, query);
        long now = clock.millis();
        CacheRule rule = rules.match(key);
        Lookup lookup;
        List<StoredResponse> variants = List.of();
        if (!servesOrigin(origin, localPort)) {
            lookup = Lookup.pass(Reason.FOREIGN_HOST);
            warnForeign(origin);
        } else if (rule != null && rule.mode() == OriginMode.NO_CACHE) {
            lookup = Lookup.pass(Reason.RULE_NO_CACHE);
        } else {
            variants = request.isGetOrHead() ? visible(store.get(key), fragment != null) : List.of();
            lookup = lookupPolicy.lookup(request, variants, now);
        }
        Trace trace = settings.debug() ? new Trace(request.method(), path) : null;
        return new Exchange(origin, key, request, lookup, variants.isEmpty() ? null : variants.get(0).vary(), rule,
                now, trace, fragment == null ? 0 : fragment.depth(), fragment == null ? List.of() : fragment.chain(),
                revealTags, false);
    }

    /** The variants a request may be answered with: a fragment kept for this cache's includes only is nothing stored for anyone else. */
    private static List<StoredResponse> visible(List<StoredResponse> variants, boolean fragmentRequest) {
        if (fragmentRequest || variants.isEmpty()) {
            return variants;
        }
        for (StoredResponse v : variants) {
            if (v.tags().contains(Tags.FRAGMENT_ONLY)) {
                return variants.stream().filter(x -> !x.tags().contains(Tags.FRAGMENT_ONLY)).toList();
            }
        }
        return variants;
    }

    /**
     * Whether responses for an origin may be stored: its host is served ({@link Settings#servesHost})
     * and its port is the scheme's default or the one the request came in on (other ports of a
     * served host would each make a variant of their own). What is read of an origin is
     * remembered for the first origins seen, so a hit does not parse its origin again.
     */
    private boolean servesOrigin(String origin, int localPort) {
        OriginFacts facts = originFacts.get(origin);
        if (facts == null) {
            facts = new OriginFacts(settings.servesHost(CacheKey.host(origin)), CacheKey.port(origin));
            if (originFacts.size() < MAX_REMEMBERED_ORIGINS) {
                originFacts.put(origin, facts);
            }
        }
        return facts.hostServed() && (facts.port() == -1 || facts.port() == localPort);
    }

    /** What {@link #servesOrigin} needs of an origin: whether its host is served, and its port (-1: default). */
    private record OriginFacts(boolean hostServed, int port) {
    }

    /**
     * Says once, for the first few origins, that their responses are not stored: a deployment
     * behind a name not in {@code gatecache.hosts} would otherwise store nothing without a word.
     */
    private void warnForeign(String origin) {
        if (warnedOrigins.size() < MAX_WARNED_ORIGINS && warnedOrigins.add(origin)) {
            LOG.warning(() -> "Gatecache: responses for " + origin + " are not stored: its host or port is not"
                    + " one this cache serves; add the host to gatecache.hosts if it should be");
        }
    }

    /** Makes the exchange a background refresh: whatever is stored and not fresh is validated. */
    void refreshing(Exchange ex) {
        if (ex.lookup.entry() != null && ex.lookup.outcome() != Lookup.Outcome.FRESH) {
            ex.lookup = ex.lookup.revalidateInstead(Reason.BACKGROUND_REFRESH);
        }
    }

    /** A new exchange for a request that waited for another: what the store holds now. */
    Exchange lookAgain(Exchange ex) {
        long now = clock.millis();
        List<StoredResponse> variants = visible(store.get(ex.key), ex.esiDepth > 0);
        Lookup lookup = lookupPolicy.lookup(ex.request, variants, now);
        return ex.again(lookup, variants.isEmpty() ? null : variants.get(0).vary(), now);
    }
}
