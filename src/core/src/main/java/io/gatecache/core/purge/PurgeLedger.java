package io.gatecache.core.purge;

import io.gatecache.core.CacheKey;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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

    /**
     * A ban: the regular expressions an entry's URL (path and query), host and Content-Type must
     * match (host and type: null for any), and its instant; or, for a ban by location ids (the
     * seeds' {@code BAN} with {@code X-Location-Id}), the expression one of the entry's location
     * ids must match (its tags {@code l<id>} of the content scheme, with the scheme's prefix), the
     * URL's then null.
     */
    public record Ban(String url, String host, String contentType, String locations, String tagPrefix, long at,
            Pattern urlPattern, Pattern hostPattern, Pattern typePattern, Pattern locationPattern) {

        /** @throws IllegalArgumentException when an expression is not a valid regular expression */
        public static Ban of(String url, String host, String contentType, long at) {
            return new Ban(url, host, contentType, null, "", at, compile(url), compile(host), compile(contentType), null);
        }

        /**
         * A ban of the entries one of whose location ids matches an expression.
         *
         * @param tagPrefix the content scheme's prefix ({@code gatecache.tags.prefix})
         * @throws IllegalArgumentException when the expression is not a valid regular expression
         */
        public static Ban ofLocations(String locations, String tagPrefix, long at) {
            return new Ban(null, null, null, locations, tagPrefix, at, null, null, null, compile(locations));
        }

        private static Pattern compile(String expression) {
            try {
                return expression == null ? null : Pattern.compile(expression);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("not a regular expression: " + e.getDescription(), e);
            }
        }

        /**
         * A ban made here (by a purge request, the API or JMX), refused when one of its expressions
         * is seen to run past a match's budget already: tried, with the same budget, on values made
         * to make backtracking show (each character the expression names, and a few common
         * ones, repeated, then one that none of them is). What passes may still run out on a key
         * it meets, and then counts as a match there ({@link #matches}); a ban another node
         * recorded is taken as it is ({@link #decode}).
         *
         * @throws IllegalArgumentException when an expression is not a valid regular expression,
         *         or runs past the budget on one of those values
         */
        public static Ban made(String url, String host, String contentType, long at) {
            return checked(of(url, host, contentType, at));
        }

        /**
         * A ban by location ids made here, checked as {@link #made} checks a ban by URL.
         *
         * @throws IllegalArgumentException when the expression is not a valid regular expression,
         *         or runs past the budget
         */
        public static Ban madeForLocations(String locations, String tagPrefix, long at) {
            return checked(ofLocations(locations, tagPrefix, at));
        }

        private static Ban checked(Ban ban) {
            for (Pattern p : new Pattern[] {ban.urlPattern, ban.hostPattern, ban.typePattern, ban.locationPattern}) {
                if (p != null && backtracks(p)) {
                    throw new IllegalArgumentException("the expression '" + p.pattern() + "' takes more work than a"
                            + " match may have (" + MATCH_BUDGET + " characters read) on a value of "
                            + PROBE_LENGTH + " characters: write it with fewer wildcards, or without nested repetition");
                }
            }
            return ban;
        }

        /** What the ban bans, for a log. */
        public String describe() {
            return url != null ? url : "location ids " + locations;
        }

        /** The length of the values an expression is tried on when a ban is made. */
        static final int PROBE_LENGTH = 64;

        private static boolean backtracks(Pattern p) {
            java.util.Set<Character> probes = new java.util.LinkedHashSet<>(List.of('a', '0', '/', '-', '.'));
            for (char c : p.pattern().toCharArray()) {
                if (probes.size() < 24 && (Character.isLetterOrDigit(c) || "/-._~%=&".indexOf(c) >= 0)) {
                    probes.add(c);
                }
            }
            for (char c : probes) {
                try {
                    find(p, String.valueOf(c).repeat(PROBE_LENGTH) + '\u0001');
                } catch (TooSlow e) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether the ban reaches an entry. An expression that reads more than
         * {@link #MATCH_BUDGET} characters on one value (catastrophic backtracking) counts as a
         * match: the entry is fetched again rather than the hit path held up. The budget is work,
         * not time, so one value always gets the same answer, however busy the machine.
         */
        boolean matches(String key, StoredResponse entry) {
            try {
                if (locationPattern != null) {
                    return matchesLocation(entry);
                }
                if (!find(urlPattern, key)) {
                    return false;
                }
                if (hostPattern != null) {
                    String origin = entry.variantKey().first(Variants.ORIGIN);
                    if (origin == null || !find(hostPattern, CacheKey.host(origin))) {
                        return false;
                    }
                }
                if (typePattern != null) {
                    String type = entry.headers().first("Content-Type");
                    return type != null && find(typePattern, type);
                }
                return true;
            } catch (TooSlow e) {
                return true;
            }
        }

        /** Whether one of the entry's location tags names an id the expression finds. */
        private boolean matchesLocation(StoredResponse entry) {
            int start = tagPrefix.length() + 1;
            for (String tag : entry.tags()) {
                if (tag.length() > start && tag.startsWith(tagPrefix) && tag.charAt(start - 1) == 'l'
                        && digitsFrom(tag, start) && find(locationPattern, tag.substring(start))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean digitsFrom(String tag, int start) {
            for (int i = start; i < tag.length(); i++) {
                if (tag.charAt(i) < '0' || tag.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        private static boolean find(Pattern p, String value) {
            return p.matcher(new Bounded(value, new Budget())).find();
        }

        /** The same ban, as one string (for a store that keeps records as text). */
        public String encode() {
            return nonNull(url) + '\u0000' + nonNull(host) + '\u0000' + nonNull(contentType)
                    + (locations == null ? "" : "\u0000" + locations + '\u0000' + tagPrefix);
        }

        private static String nonNull(String s) {
            return s == null ? "" : s;
        }

        /** The ban {@link #encode} wrote, at an instant. */
        public static Ban decode(String encoded, long at) {
            String[] parts = encoded.split("\u0000", -1);
            if (parts.length > 4) {
                return ofLocations(parts[3], parts[4], at);
            }
            return of(parts[0], parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null,
                    parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null, at);
        }
    }

    /** How long a response may take to be built: records are kept this much longer than the retention. */
    public static final long BUILD_MARGIN_MILLIS = 600_000;
    /** The retention unless configured otherwise: a day. */
    public static final long DEFAULT_RETENTION_MILLIS = 86_400_000L;

    private final java.time.Clock clock;
    private final long retentionMillis;
    /**
     * How many characters one ban expression may read on one value (a few milliseconds' work): a
     * linear expression reads a URL of a few kilobytes well within it, a backtracking one runs out.
     */
    static final int MATCH_BUDGET = 200_000;
    /** At most this many bans are in force at once; more are refused until older ones are forgotten. */
    public static final int MAX_BANS = 1000;

    /** A ban expression read more than its budget of a value. */
    private static final class TooSlow extends RuntimeException {
        TooSlow() {
            super(null, null, false, false);
        }
    }

    /** What is left of one match's budget: characters it may still read. */
    private static final class Budget {
        private int left = MATCH_BUDGET;

        void spend() {
            if (--left < 0) {
                throw new TooSlow();
            }
        }
    }

    /** A value that stops a regular expression reading it past its budget: every character read counts. */
    private record Bounded(String value, Budget budget) implements CharSequence {
        @Override
        public int length() {
            return value.length();
        }

        @Override
        public char charAt(int index) {
            budget.spend();
            return value.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Bounded(value.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return value;
        }
    }

    private final ConcurrentHashMap<String, Mark> tags = new ConcurrentHashMap<>();
    /** Bans, oldest first; copied on write (bans are rare, reads are every hit of an older entry). */
    private volatile List<Ban> bans = List.of();
    private volatile long clearedAt = Long.MIN_VALUE;
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
    }

    /** Records that everything was cleared at an instant. */
    public void cleared(long at) {
        if (at > clearedAt) {
            synchronized (this) {
                clearedAt = Math.max(clearedAt, at);
            }
        }
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
