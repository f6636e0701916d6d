package io.gatecache.core.purge;

import io.gatecache.core.StoredResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The purges a store has recorded, and what they make of a stored entry. A purge visits no entry:
 * it records an instant, and an entry is judged against the records when it is read.
 * <ul>
 * <li>a hard purge of a tag: entries with the tag whose request started at or before it are gone;</li>
 * <li>a soft purge of a tag: those entries are stale from that instant on, still usable for
 * stale-while-revalidate, stale-if-error and revalidation;</li>
 * <li>a ban: entries whose URL (path and query), and host and Content-Type where given, match its
 * regular expressions, and whose request started at or before it, are gone; checked only against
 * entries older than the ban, as Varnish does;</li>
 * <li>a clear: everything older is gone.</li>
 * </ul>
 * A response whose request started at or before a hard purge of one of its tags, a matching ban
 * or a clear is not stored at all ({@link #refuses}): a page built while a purge landed never
 * passes for fresh. One tag purge is one map write, whatever the number of entries.
 *
 * <p>Every entry is retired once its request started longer than the retention ago
 * ({@code gatecache.max-lifespan}: stores keep no entry longer), so a record older than the
 * retention (and the time a response may take to be built) can no longer decide anything and is
 * forgotten ({@link #forgetOld}). Thread-safe.
 */
public final class PurgeLedger {

    /** The last hard and soft purge instants of one tag ({@link Long#MIN_VALUE}: never). */
    public record Mark(long hardAt, long softAt) {
        static final Mark NONE = new Mark(Long.MIN_VALUE, Long.MIN_VALUE);

        Mark merge(Mark other) {
            return new Mark(Math.max(hardAt, other.hardAt), Math.max(softAt, other.softAt));
        }

        long latest() {
            return Math.max(hardAt, softAt);
        }
    }

    /** How long a response may take to be built: records are kept this much longer than the retention. */
    public static final long BUILD_MARGIN_MILLIS = 600_000;
    /** The retention unless configured otherwise: a day. */
    public static final long DEFAULT_RETENTION_MILLIS = 86_400_000L;

    private final java.time.Clock clock;
    private final long retentionMillis;
    /** At most this many bans are in force at once; more are refused until older ones are forgotten. */
    public static final int MAX_BANS = 1000;

    private final ConcurrentHashMap<String, Mark> tags = new ConcurrentHashMap<>();
    /** Bans, oldest first; copied on write (bans are rare, reads are every hit of an older entry). */
    private volatile List<Ban> bans = List.of();
    private volatile long clearedAt = Long.MIN_VALUE;
    /** How many records this ledger took (a purge of tags, a ban, a clear), counted once each is in force. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    /** How often old records are looked for, at most. */
    static final long FORGET_INTERVAL_MILLIS = 60_000;
    private volatile long lastForgotten = Long.MIN_VALUE / 2;

    /**
     * @param clock the store's clock
     * @param retentionMillis the longest an entry is kept, counted from its request's start
     */
    public PurgeLedger(java.time.Clock clock, long retentionMillis) {
        this.clock = clock;
        this.retentionMillis = retentionMillis;
    }

    /** The longest an entry is kept, counted from its request's start. */
    public long retentionMillis() {
        return retentionMillis;
    }

    /** How long a record must be kept: the retention, and the time a response may take to be built. */
    public long recordLifespanMillis() {
        return retentionMillis + BUILD_MARGIN_MILLIS;
    }

    /** Records a purge of tags at an instant: hard (gone) or soft (stale). The later instant wins. */
    public void tagsPurged(Collection<String> purged, long at, boolean soft) {
        Mark mark = soft ? new Mark(Long.MIN_VALUE, at) : new Mark(at, Long.MIN_VALUE);
        for (String tag : purged) {
            tags.merge(tag, mark, Mark::merge);
        }
        changes.incrementAndGet();
    }

    /**
     * Admits a ban made on this node: refused when {@link #MAX_BANS} bans are in force (those too
     * old to reach any entry kept forgotten first), recorded otherwise ({@link #banned}). The
     * refusal is the only one: a ban admitted on one node and recorded for the others is in force
     * on each of them, whatever each holds already, so every node bans the same entries. The bans
     * a node holds stay bounded: each was admitted by a node holding fewer than the bound (a
     * few more when nodes admit bans at the same moment).
     *
     * @throws TooManyBans when {@link #MAX_BANS} bans are in force already
     */
    public synchronized void admit(Ban ban) {
        forgetBansBefore(clock.millis() - recordLifespanMillis());
        if (bans.size() >= MAX_BANS) {
            throw new TooManyBans();
        }
        banned(ban);
    }

    /**
     * Records a ban, admitted here or on another node sharing the store (the same expressions
     * banned again keep the later instant). Never refused: see {@link #admit}.
     */
    public synchronized void banned(Ban ban) {
        List<Ban> next = new ArrayList<>(bans.size() + 1);
        for (Ban b : bans) {
            if (!b.encode().equals(ban.encode())) {
                next.add(b);
            } else if (b.at() > ban.at()) {
                return;
            }
        }
        next.add(ban);
        next.sort(java.util.Comparator.comparingLong(Ban::at));
        bans = List.copyOf(next);
        changes.incrementAndGet();
    }

    /** Records that everything was cleared at an instant. */
    public void cleared(long at) {
        if (at > clearedAt) {
            synchronized (this) {
                clearedAt = Math.max(clearedAt, at);
            }
            changes.incrementAndGet();
        }
    }

    /**
     * How many records this ledger took so far; it moves after each one is in force, so what was
     * read of the store before it moved may be judged otherwise now.
     */
    public long changes() {
        return changes.get();
    }

    /** The mark of a tag (never purged: both instants {@link Long#MIN_VALUE}). */
    public Mark mark(String tag) {
        return tags.getOrDefault(tag, Mark.NONE);
    }

    public List<Ban> bans() {
        return bans;
    }

    /**
     * An entry read from a store, as the purges leave it: itself, a copy stale from the earliest
     * soft purge that reached it, or null when it is gone (or older than the retention).
     *
     * @param key the entry's primary key (its path and query)
     */
    public StoredResponse judge(String key, StoredResponse entry) {
        long built = entry.requestTime();
        if (clearedAt >= built || clock.millis() - built > retentionMillis) {
            return null;
        }
        List<Ban> current = bans;
        for (int i = current.size() - 1; i >= 0 && current.get(i).at() >= built; i--) {
            if (current.get(i).matches(key, entry)) {
                return null;
            }
        }
        List<String> entryTags = entry.tags();
        if (entryTags.isEmpty() || tags.isEmpty()) {
            return entry;
        }
        long staleFrom = Long.MAX_VALUE;
        for (String tag : entryTags) {
            Mark m = tags.get(tag);
            if (m != null) {
                if (m.hardAt >= built) {
                    return null;
                }
                if (m.softAt >= built && m.softAt < staleFrom) {
                    staleFrom = m.softAt;
                }
            }
        }
        return staleFrom == Long.MAX_VALUE ? entry : entry.staleFrom(staleFrom);
    }

    /** A key's variants as the purges leave them (the same list when none was reached). */
    public List<StoredResponse> judge(String key, List<StoredResponse> variants) {
        List<StoredResponse> out = null;
        for (int i = 0; i < variants.size(); i++) {
            StoredResponse v = variants.get(i);
            StoredResponse judged = judge(key, v);
            if (judged != v && out == null) {
                out = new ArrayList<>(variants.subList(0, i));
            }
            if (out != null && judged != null) {
                out.add(judged);
            }
        }
        return out == null ? variants : out;
    }

    /**
     * Whether a response whose request started at {@code since} must not be stored: everything
     * was cleared, one of its tags hard-purged, or a ban matching it issued, at or after that.
     */
    public boolean refuses(String key, StoredResponse entry, long since) {
        if (clearedAt >= since) {
            return true;
        }
        for (Ban b : bans) {
            if (b.at() >= since && b.matches(key, entry)) {
                return true;
            }
        }
        for (String tag : entry.tags()) {
            Mark m = tags.get(tag);
            if (m != null && m.hardAt >= since) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forgets the records older than the retention and the build margin: they can no longer
     * decide anything. Visits every record, so it does so at most once a minute, however often
     * it is asked: a purge stays one write.
     */
    public void forgetOld() {
        long now = clock.millis();
        if (now - lastForgotten < FORGET_INTERVAL_MILLIS) {
            return;
        }
        lastForgotten = now;
        forgetBefore(now - recordLifespanMillis());
    }

    /** Forgets the records made before an instant. */
    void forgetBefore(long instant) {
        tags.values().removeIf(m -> m.latest() < instant);
        forgetBansBefore(instant);
    }

    private synchronized void forgetBansBefore(long instant) {
        if (!bans.isEmpty() && bans.get(0).at() < instant) {
            bans = bans.stream().filter(b -> b.at() >= instant).toList();
        }
    }

    /** The number of tags with a record (for management). */
    public int taggedRecords() {
        return tags.size();
    }
}
