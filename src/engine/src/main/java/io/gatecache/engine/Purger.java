package io.gatecache.engine;

import io.gatecache.core.CacheKey;
import io.gatecache.core.RequestFields;
import io.gatecache.core.downstream.DownstreamPurge;
import io.gatecache.core.purge.Ban;
import io.gatecache.core.purge.BanRate;
import io.gatecache.core.purge.PurgeRequest;
import io.gatecache.core.purge.TrustedCallers;
import io.gatecache.engine.downstream.PurgeServers;
import io.gatecache.spi.ResponseStore;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Purging: by key, URL, tags (hard or soft), ban and all, recorded in the store for every node
 * sharing it, and purge requests carried out for a trusted caller. Every purge made here (by a
 * commit, the API, JMX) goes to the purge servers in front too ({@link PurgeServers}), once, from
 * this node; one received over HTTP only with {@code gatecache.purge.servers.forward-received}.
 */
public final class Purger {

    private static final Logger LOG = Logger.getLogger(Purger.class.getName());

    private final Settings.Purging settings;
    private final ResponseStore store;
    private final Clock clock;
    private final Statistics statistics;
    private final BanRate banRate;
    private final UserContexts userContexts;
    private final PurgeServers downstream;
    private final boolean forwardReceived;
    /** Where this purger's purges come from, as counted. */
    private final PurgeSource source;
    /** This purger as each source, sharing everything else. */
    private final Map<PurgeSource, Purger> bySource;

    /** The purger of the API ({@link PurgeSource#API}); {@link #from} gives it as the others. */
    Purger(Settings.Purging settings, ResponseStore store, Clock clock, Statistics statistics,
            UserContexts userContexts, PurgeServers downstream, boolean forwardReceived) {
        this.userContexts = userContexts;
        this.downstream = downstream;
        this.forwardReceived = forwardReceived;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.statistics = statistics;
        this.banRate = new BanRate(settings.bansPerMinute());
        this.source = PurgeSource.API;
        this.bySource = new EnumMap<>(PurgeSource.class);
        bySource.put(PurgeSource.API, this);
        for (PurgeSource s : PurgeSource.values()) {
            bySource.computeIfAbsent(s, other -> new Purger(this, other));
        }
    }

    private Purger(Purger base, PurgeSource source) {
        this.userContexts = base.userContexts;
        this.downstream = base.downstream;
        this.forwardReceived = base.forwardReceived;
        this.settings = base.settings;
        this.store = base.store;
        this.clock = base.clock;
        this.statistics = base.statistics;
        this.banRate = base.banRate;
        this.source = source;
        this.bySource = base.bySource;
    }

    /** The same purger, its purges counted as coming from a source (a commit's clear, JMX, HTTP). */
    public Purger from(PurgeSource source) {
        return bySource.get(source);
    }

    /**
     * Removes a key's variants (under every host name) and refuses responses begun before now: the
     * invalidation after an unsafe request (RFC 9111 §4.4). When something was stored for the
     * key, it goes to the purge servers in front too, where they can name a path (a request to a
     * URL never stored here sends nothing).
     */
    public boolean invalidate(String key) {
        boolean removed = store.invalidate(key, clock.millis());
        statistics.invalidations.increment();
        if (removed) {
            downstream.send(new DownstreamPurge.Invalidation(key));
        }
        return removed;
    }

    /**
     * Purges a URL: its path and query, under every host name it was served as (the scheme and
     * host of an absolute URL are not needed and are ignored).
     *
     * @return 1 when something was stored for it, 0 otherwise
     */
    public int purgeUrl(String url) {
        return purgeUrl(url, true);
    }

    private int purgeUrl(String url, boolean forward) {
        if (url == null || url.isBlank()) {
            return 0;
        }
        try {
            URI u = URI.create(url.trim());
            String key = CacheKey.of(u.getRawPath(), u.getRawQuery());
            statistics.purged(PurgeKind.URL, source);
            boolean removed = store.invalidate(key, clock.millis());
            statistics.invalidations.increment();
            if (forward) {
                downstream.send(new DownstreamPurge.Url(url.trim()));
            }
            return removed ? 1 : 0;
        } catch (IllegalArgumentException e) {
            LOG.log(Level.FINE, "not a URL: " + url, e);
            return 0;
        }
    }

    /**
     * Purges the entries stored with one of the tags, without visiting them: hard (they are gone)
     * or soft (they are stale, still usable for stale-while-revalidate, stale-if-error and
     * revalidation). A response being built when the purge lands is not stored as fresh. A purge
     * of {@link #USER_CONTEXT_TAG} forgets every user context hash too.
     *
     * @throws PurgeNotRecorded when the store could not record it for every node sharing it
     */
    public void purgeTags(Collection<String> tags, boolean soft) {
        purgeTags(tags, soft, true);
    }

    private void purgeTags(Collection<String> tags, boolean soft, boolean forward) {
        if (tags.isEmpty()) {
            return;
        }
        if (tags.contains(USER_CONTEXT_TAG)) {
            userContexts.forgetAll();
        }
        boolean everywhere = store.invalidateTags(tags, clock.millis(), soft);
        // in front only once it holds here: a proxy that fetches again must not get the page purged
        if (forward) {
            downstream.send(new DownstreamPurge.ByTags(java.util.Set.copyOf(tags)));
        }
        recorded(soft ? PurgeKind.SOFT : PurgeKind.TAG, everywhere);
    }

    /**
     * Forgets every user context hash, on every node sharing the store, and purges the hash
     * lookups the proxies in front keep ({@link #USER_CONTEXT_TAG}, which the lookup's answer
     * carries downstream): after roles change.
     */
    public void forgetUserContexts() {
        userContexts.forgetAll();
        downstream.send(new DownstreamPurge.ByTags(java.util.Set.of(USER_CONTEXT_TAG)));
    }

    /**
     * Forgets the user context hashes worked out for a user, and purges the hash lookups the
     * proxies in front keep (all of them: they are kept by session, not by user).
     */
    public void forgetUserContext(String user) {
        userContexts.forgetUser(user);
        downstream.send(new DownstreamPurge.ByTags(java.util.Set.of(USER_CONTEXT_TAG)));
    }

    /** The tag whose purge forgets every user context hash (FOSHttpCache's user context hash tag, as Gatecache names it). */
    public static final String USER_CONTEXT_TAG = "user-context-hash";

    /**
     * Bans the entries whose URL (path and query) matches a regular expression, and whose host and
     * Content-Type match theirs when given: recorded at once, checked when an entry older than the
     * ban is read.
     *
     * @throws IllegalArgumentException when an expression is not a valid regular expression, or
     *         one seen to take more work than a match may have ({@link Ban#made})
     * @throws io.gatecache.core.purge.TooManyBans when too many bans are in force already
     * @throws PurgeNotRecorded when the store could not record it for every node sharing it
     */
    public void ban(String url, String host, String contentType) {
        ban(url, host, contentType, true);
    }

    private void ban(String url, String host, String contentType, boolean forward) {
        Ban ban = Ban.made(url, host, contentType, clock.millis());
        boolean everywhere = store.ban(ban);
        if (forward) {
            downstream.send(new DownstreamPurge.Ban(url, host, contentType));
        }
        recorded(PurgeKind.BAN, everywhere);
    }

    /**
     * Bans the entries one of whose location ids (their {@code l<id>} tags of the content scheme,
     * {@code X-Location-Id} among them) matches a regular expression: the seeds' {@code BAN} with
     * {@code X-Location-Id}.
     *
     * @throws IllegalArgumentException when the expression is not a valid regular expression, or
     *         one seen to take more work than a match may have
     * @throws io.gatecache.core.purge.TooManyBans when too many bans are in force already
     * @throws PurgeNotRecorded when the store could not record it for every node sharing it
     */
    public void banLocations(String locations) {
        banLocations(locations, true);
    }

    private void banLocations(String locations, boolean forward) {
        Ban ban = Ban.madeForLocations(locations, settings.contentTags().prefix(), clock.millis());
        boolean everywhere = store.ban(ban);
        if (forward) {
            downstream.send(new DownstreamPurge.Locations(locations));
        }
        recorded(PurgeKind.BAN, everywhere);
    }

    /**
     * Removes everything, and refuses responses begun before now.
     *
     * @throws PurgeNotRecorded when the store could not record it for every node sharing it
     */
    public void clear() {
        clear(true);
    }

    private void clear(boolean forward) {
        boolean everywhere = store.invalidateAll(clock.millis());
        if (forward) {
            downstream.send(DownstreamPurge.EVERYTHING);
        }
        recorded(PurgeKind.CLEAR, everywhere);
    }

    /** Counts a purge, and says so when the store did not record it for every node. */
    private void recorded(PurgeKind kind, boolean everywhere) {
        statistics.purged(kind, source);
        if (!everywhere) {
            statistics.purgesNotRecorded.increment();
            throw new PurgeNotRecorded();
        }
    }

    /**
     * Whether a caller may purge (see {@link TrustedCallers}).
     *
     * @param remoteAddress the connection's peer address
     * @param fields the request's fields (its Authorization, and whether it came through a proxy)
     */
    public boolean trusts(String remoteAddress, RequestFields fields) {
        return settings.trusted().trusts(remoteAddress, fields);
    }

    /**
     * Carries out a purge request of a trusted caller (see {@link PurgeRequest}); the caller's
     * trust and whether purging is on are the front door's to check first. A ban past the
     * caller's bans a minute ({@link BanRate}) is refused with 429.
     *
     * @param caller who asks (the connection's address), whose bans are counted
     */
    public PurgeResult purge(PurgeRequest request, String caller) {
        if ((request instanceof PurgeRequest.Ban || request instanceof PurgeRequest.LocationBan)
                && !banRate.take(String.valueOf(caller), clock.millis())) {
            return new PurgeResult(429, "too many bans from " + caller + ": at most " + banRate.perMinute()
                    + " a minute (gatecache.purge.bans-per-minute)");
        }
        try {
            return from(PurgeSource.HTTP).carryOut(request);
        } catch (PurgeNotRecorded e) {
            return new PurgeResult(503, e.getMessage());
        }
    }

    /** Carries out a purge received over HTTP: forwarded to the purge servers only with {@code forward-received}. */
    private PurgeResult carryOut(PurgeRequest request) {
        boolean forward = forwardReceived;
        if (request instanceof PurgeRequest.Url url) {
            int n = purgeUrl(url.target(), forward);
            return new PurgeResult(200, n == 0 ? "nothing stored for " + url.target() : "purged " + url.target());
        }
        if (request instanceof PurgeRequest.ByTags byTags) {
            purgeTags(byTags.tags(), byTags.soft(), forward);
            return new PurgeResult(200, (byTags.soft() ? "soft-purged tags " : "purged tags ")
                    + String.join(" ", byTags.tags()));
        }
        if (request instanceof PurgeRequest.Ban || request instanceof PurgeRequest.LocationBan) {
            try {
                if (request instanceof PurgeRequest.Ban b) {
                    ban(b.url(), b.host(), b.contentType(), forward);
                    return new PurgeResult(200, "banned " + b.url());
                }
                String locations = ((PurgeRequest.LocationBan) request).locations();
                banLocations(locations, forward);
                return new PurgeResult(200, "banned location ids " + locations);
            } catch (PurgeNotRecorded e) {
                throw e;
            } catch (IllegalArgumentException | IllegalStateException e) {
                return new PurgeResult(400, e.getMessage());
            }
        }
        if (request instanceof PurgeRequest.All) {
            clear(forward);
            return new PurgeResult(200, "cleared everything");
        }
        return new PurgeResult(400, ((PurgeRequest.Malformed) request).why());
    }
}
