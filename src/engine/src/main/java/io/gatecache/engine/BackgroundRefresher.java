package io.gatecache.engine;

import io.gatecache.spi.ResponseStore;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refreshes an entry in the background while its stale copy is being served
 * (stale-while-revalidate): at most one refresh per key across the nodes sharing the store (see
 * {@link ResponseStore#claim}), and a few at a time on a node, each made as
 * a request to this server through the {@link OriginClient}, so the resource runs in a normal
 * request with its full container context. The refresh request carries a one-time token; the
 * front door {@linkplain #claim claims} it and restores the original request's addressing, so
 * the resource sees the request it would have seen. A token not handed out here is ignored.
 */
public final class BackgroundRefresher {

    private static final Logger LOG = Logger.getLogger(BackgroundRefresher.class.getName());
    private static final int MAX_CONCURRENT = 4;
    /** Marks a refresh's claim, so that it never stands in the way of a miss's. */
    private static final String REFRESH_TURN = "refresh ";
    /**
     * Fields a refresh does not copy besides those the client never sends: conditionals the cache
     * sets, Range (a refresh fetches the whole representation), request directives and client
     * addresses.
     */
    private static final Set<String> NOT_COPIED = Set.of("if-none-match", "if-modified-since", "if-match",
            "if-unmodified-since", "if-range", "range", "cache-control", "pragma", "x-real-ip");

    /** What a refresh request stands for: the original request's addressing. */
    public record Addressing(String scheme, String host, String serverName, int serverPort) {
    }

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, String> tokenByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Addressing> byToken = new ConcurrentHashMap<>();
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);
    private final OriginClient client;
    private final ResponseStore store;
    private final long timeoutMillis;
    private final Statistics statistics;

    /**
     * @param store the store the refreshed responses go to, whose claims keep other nodes from refreshing too
     * @param statistics where refreshes are counted: done, failed, and not started (one running)
     */
    public BackgroundRefresher(OriginClient client, ResponseStore store, long timeoutMillis, Statistics statistics) {
        this.client = client;
        this.store = store;
        this.timeoutMillis = timeoutMillis;
        this.statistics = statistics;
    }

    /** The addressing a refresh request's token stands for (once), or null for any other token. */
    public Addressing claim(String token) {
        return token == null ? null : byToken.remove(token);
    }

    /**
     * Starts a refresh of {@code key} unless one is running, here or on another node, or too many
     * are here (true either way: the stale entry may be served).
     *
     * @param target this server's own URL for the request, over loopback
     * @param fields the client request's fields
     * @param origin the client request's addressing, restored when the refresh arrives
     */
    public boolean trigger(String key, URI target, List<Map.Entry<String, String>> fields,
            Addressing origin) {
        if (tokenByKey.containsKey(key) || !slots.tryAcquire()) {
            statistics.refreshesSkipped.increment();
            return true;
        }
        byte[] b = new byte[16];
        random.nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        if (tokenByKey.putIfAbsent(key, token) != null) {
            slots.release();
            statistics.refreshesSkipped.increment();
            return true;
        }
        ResponseStore.Claim claim = store.claim(REFRESH_TURN + key, timeoutMillis);
        if (!claim.held()) {
            done(key, token);
            statistics.refreshesSkipped.increment();
            return true;
        }
        byToken.put(token, origin);
        try {
            client.refresh(target, fields, NOT_COPIED, token, timeoutMillis).whenComplete((ok, failure) -> {
                claim.release();
                done(key, token);
                if (failure != null) {
                    statistics.refreshesFailed.increment();
                    LOG.log(Level.FINE, "background refresh of " + key + " failed", failure);
                } else {
                    statistics.refreshesDone.increment();
                }
            });
        } catch (RuntimeException e) {
            claim.release();
            done(key, token);
            statistics.refreshesFailed.increment();
            LOG.log(Level.FINE, "background refresh of " + key + " not started", e);
        }
        return true;
    }

    private void done(String key, String token) {
        if (tokenByKey.remove(key, token)) {
            slots.release();
        }
        byToken.remove(token);
    }
}
