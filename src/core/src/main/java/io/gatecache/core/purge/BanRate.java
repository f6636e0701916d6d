package io.gatecache.core.purge;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many bans a caller of the HTTP purge methods may make: a bucket of {@code perMinute} bans
 * per caller, refilled evenly over a minute, so that no one caller fills the table of bans in
 * force ({@link PurgeLedger#MAX_BANS}) and has every later ban refused until they age out. The
 * memory is bounded whatever the callers: at most {@value #CALLERS} are remembered (a caller
 * whose bucket is full again is forgotten first, since a new bucket is the same), and callers past
 * that share one bucket. Thread-safe.
 */
public final class BanRate {

    /** The most callers remembered one by one. */
    static final int CALLERS = 1024;
    private static final long MINUTE = 60_000;

    private static final class Bucket {
        double left;
        long at;

        Bucket(double left, long at) {
            this.left = left;
            this.at = at;
        }

        /** Refills for the time since it was last used; whether it is full. */
        boolean refill(long now, int perMinute) {
            if (now > at) {
                left = Math.min(perMinute, left + (double) (now - at) * perMinute / MINUTE);
                at = now;
            }
            return left >= perMinute;
        }
    }

    private final int perMinute;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();
    private final Bucket shared;

    /** @param perMinute the bans a caller may make in a minute, and at once; 1 or more */
    public BanRate(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("at least one ban a minute");
        }
        this.perMinute = perMinute;
        this.shared = new Bucket(perMinute, 0);
    }

    /** The bans a caller may make in a minute. */
    public int perMinute() {
        return perMinute;
    }

    /**
     * Takes one ban from the caller's bucket: false when it is empty, and the ban is to be refused.
     *
     * @param caller who asks (the connection's address)
     * @param now the time, in milliseconds
     */
    public synchronized boolean take(String caller, long now) {
        Bucket bucket = buckets.get(caller);
        if (bucket == null) {
            if (buckets.size() >= CALLERS) {
                forgetFull(now);
            }
            if (buckets.size() >= CALLERS) {
                bucket = shared;
            } else {
                bucket = new Bucket(perMinute, now);
                buckets.put(caller, bucket);
            }
        }
        bucket.refill(now, perMinute);
        if (bucket.left < 1) {
            return false;
        }
        bucket.left--;
        return true;
    }

    private void forgetFull(long now) {
        for (Iterator<Bucket> i = buckets.values().iterator(); i.hasNext();) {
            if (i.next().refill(now, perMinute)) {
                i.remove();
            }
        }
    }
}
