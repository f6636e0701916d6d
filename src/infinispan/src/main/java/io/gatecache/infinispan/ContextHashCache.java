package io.gatecache.infinispan;

import io.gatecache.spi.ContextHashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.context.Flag;

/**
 * The user context hashes in their own cache ({@code <cache>-contexts}): replicated on a cluster,
 * so that every node reads them from its own memory, each entry expiring with its lifespan, and at
 * most {@link ContextHashes#MAX_ENTRIES} of them on each node. An entry holds the user it was
 * worked out for and the hash, as one string. A failure is counted with the store's, and reads as
 * nothing held.
 */
final class ContextHashCache implements ContextHashes {

    /** Between the user and the hash in an entry: no user name holds it. */
    private static final char SEPARATOR = '\u0000';

    private final Cache<String, String> cache;
    private final StoreFailures failures;

    ContextHashCache(Cache<String, String> cache, StoreFailures failures) {
        this.cache = cache;
        this.failures = failures;
    }

    @Override
    public String get(String key) {
        try {
            String held = cache.get(key);
            return held == null ? null : held.substring(held.indexOf(SEPARATOR) + 1);
        } catch (RuntimeException e) {
            failures.failed("read a user context hash", e);
            return null;
        }
    }

    @Override
    public void put(String key, String hash, String user, long lifespanMillis) {
        try {
            cache.put(key, (user == null ? "" : user.replace(SEPARATOR, ' ')) + SEPARATOR + hash, lifespanMillis,
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            failures.failed("hold a user context hash", e);
        }
    }

    @Override
    public void forget(String key) {
        try {
            cache.remove(key);
        } catch (RuntimeException e) {
            failures.failed("forget a user context hash", e);
        }
    }

    /** Every node holds every entry: this node's are read, and the user's removed on all. */
    @Override
    public void forgetUser(String user) {
        try {
            List<String> keys = new ArrayList<>();
            for (Map.Entry<String, String> e : cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).entrySet()) {
                String held = e.getValue();
                int at = held.indexOf(SEPARATOR);
                if (at >= 0 && Objects.equals(held.substring(0, at), user)) {
                    keys.add(e.getKey());
                }
            }
            keys.forEach(cache::remove);
        } catch (RuntimeException e) {
            failures.failed("forget a user's context hashes", e);
        }
    }

    @Override
    public void forgetAll() {
        try {
            cache.clear();
        } catch (RuntimeException e) {
            failures.failed("forget the user context hashes", e);
        }
    }
}
