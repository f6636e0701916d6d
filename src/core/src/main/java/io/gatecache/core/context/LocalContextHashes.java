package io.gatecache.core.context;

import io.gatecache.spi.ContextHashes;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * User context hashes held in this JVM, for a store that is not shared: at most {@code maxEntries}
 * (past that, expired ones are dropped, then any, so that keys an attacker invents cannot grow it).
 */
public final class LocalContextHashes implements ContextHashes {

    private record Held(String hash, String user, long expires) {
    }

    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final int maxEntries;

    /** @param clock epoch millis */
    public LocalContextHashes(LongSupplier clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public String get(String key) {
        Held h = held.get(key);
        if (h == null) {
            return null;
        }
        if (h.expires() <= clock.getAsLong()) {
            held.remove(key, h);
            return null;
        }
        return h.hash();
    }

    @Override
    public void put(String key, String hash, String user, long lifespanMillis) {
        if (held.size() >= maxEntries && !held.containsKey(key)) {
            makeRoom();
        }
        held.put(key, new Held(hash, user, clock.getAsLong() + lifespanMillis));
    }

    /** Drops the expired entries, and then a tenth of the rest when that was not enough. */
    private void makeRoom() {
        long now = clock.getAsLong();
        held.values().removeIf(h -> h.expires() <= now);
        int drop = held.size() - maxEntries + Math.max(1, maxEntries / 10);
        for (Iterator<String> keys = held.keySet().iterator(); drop > 0 && keys.hasNext(); drop--) {
            keys.next();
            keys.remove();
        }
    }

    @Override
    public void forget(String key) {
        held.remove(key);
    }

    @Override
    public void forgetUser(String user) {
        held.values().removeIf(h -> Objects.equals(h.user(), user));
    }

    @Override
    public void forgetAll() {
        held.clear();
    }

    /** How many hashes are held, expired ones included until they are read or room is made. */
    public int size() {
        return held.size();
    }
}
