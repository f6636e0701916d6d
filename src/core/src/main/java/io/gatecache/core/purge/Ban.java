package io.gatecache.core.purge;

import io.gatecache.core.CacheKey;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import java.util.List;
import java.util.regex.Pattern;

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

    /**
     * How many characters one ban expression may read on one value (a few milliseconds' work): a
     * linear expression reads a URL of a few kilobytes well within it, a backtracking one runs out.
     */
    static final int MATCH_BUDGET = 200_000;

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
}
