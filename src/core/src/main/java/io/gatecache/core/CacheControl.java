package io.gatecache.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code Cache-Control} field value (RFC 9111 §5.2), for requests and responses alike.
 *
 * <p>Parsing never fails. Directive names compare case-insensitively; arguments may be tokens or
 * quoted strings. When a directive occurs more than once the first occurrence is used
 * (RFC 9111 §4.2.1). Whitespace around "=" is not in the grammar (§5.2), so such an argument
 * is invalid ({@code max-age = 60} makes the response stale, as invalid freshness information
 * should, §4.2.1). A delta-seconds argument larger than 2^31 is 2^31 (§1.2.2); an argument
 * that is not a delta-seconds is {@link #INVALID}, which a response's freshness treats as stale
 * and a request simply ignores.
 */
public final class CacheControl {

    /** The directive is not present. */
    public static final long ABSENT = -1;
    /** The directive is present with an argument that is not a valid delta-seconds. */
    public static final long INVALID = -2;
    /** The greatest delta-seconds a cache must represent (RFC 9111 §1.2.2). */
    public static final long DELTA_SECONDS_MAX = 2147483648L;

    public static final CacheControl EMPTY = parse(null);

    private final Map<String, String> directives;

    private CacheControl(Map<String, String> directives) {
        this.directives = directives;
    }

    /** Directives as a parse left them (lower-case names, raw arguments), e.g. restored from a store. */
    public static CacheControl of(Map<String, String> directives) {
        return directives.isEmpty() ? EMPTY : new CacheControl(Map.copyOf(directives));
    }

    /** The directives: lower-case names and their raw arguments ("" for none). */
    public Map<String, String> directives() {
        return directives;
    }

    /** Parses a (combined) field value; null or blank parses to no directives. */
    public static CacheControl parse(String value) {
        Map<String, String> out = new HashMap<>();
        if (value != null) {
            int i = 0;
            int n = value.length();
            while (i < n) {
                while (i < n && (value.charAt(i) == ',' || isSpace(value.charAt(i)))) {
                    i++;
                }
                int nameStart = i;
                while (i < n && value.charAt(i) != '=' && value.charAt(i) != ',') {
                    i++;
                }
                String rawName = value.substring(nameStart, i);
                String name = rawName.trim().toLowerCase(Locale.ROOT);
                String arg = "";
                if (i < n && value.charAt(i) == '=') {
                    i++;
                    // the grammar has no whitespace around "=": such an argument is kept invalid
                    boolean spaced = !rawName.isEmpty() && isSpace(rawName.charAt(rawName.length() - 1))
                            || i < n && isSpace(value.charAt(i));
                    while (i < n && isSpace(value.charAt(i))) {
                        i++;
                    }
                    if (i < n && value.charAt(i) == '"') {
                        StringBuilder sb = new StringBuilder();
                        i++;
                        while (i < n && value.charAt(i) != '"') {
                            char c = value.charAt(i);
                            if (c == '\\' && i + 1 < n) {
                                c = value.charAt(++i);
                            }
                            sb.append(c);
                            i++;
                        }
                        i++; // closing quote
                        while (i < n && value.charAt(i) != ',') {
                            i++;
                        }
                        arg = sb.toString();
                    } else {
                        int argStart = i;
                        while (i < n && value.charAt(i) != ',') {
                            i++;
                        }
                        arg = value.substring(argStart, i).trim();
                    }
                    if (spaced) {
                        arg = " " + arg;
                    }
                }
                if (!name.isEmpty()) {
                    out.putIfAbsent(name, arg);
                }
            }
        }
        return new CacheControl(Map.copyOf(out));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    public boolean isEmpty() {
        return directives.isEmpty();
    }

    public boolean has(String directive) {
        return directives.containsKey(directive);
    }

    /** The raw argument of a directive ("" when it has none), or null when absent. */
    public String argument(String directive) {
        return directives.get(directive);
    }

    /** The directive's delta-seconds argument, {@link #ABSENT} or {@link #INVALID}. */
    public long seconds(String directive) {
        String arg = directives.get(directive);
        if (arg == null) {
            return ABSENT;
        }
        return deltaSeconds(arg);
    }

    /** delta-seconds = 1*DIGIT (RFC 9111 §1.2.2); anything else is {@link #INVALID}. */
    static long deltaSeconds(String s) {
        if (s.isEmpty()) {
            return INVALID;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            v = v * 10 + (c - '0');
            if (v > DELTA_SECONDS_MAX) {
                return DELTA_SECONDS_MAX;
            }
        }
        return v;
    }

    public long maxAge() {
        return seconds("max-age");
    }

    public long sMaxAge() {
        return seconds("s-maxage");
    }

    public long staleWhileRevalidate() {
        return seconds("stale-while-revalidate");
    }

    public long staleIfError() {
        return seconds("stale-if-error");
    }

    public long minFresh() {
        return seconds("min-fresh");
    }

    /** Request max-stale: {@link #ABSENT}, a number of seconds, or {@link #DELTA_SECONDS_MAX} for "any". */
    public long maxStale() {
        String arg = directives.get("max-stale");
        if (arg == null) {
            return ABSENT;
        }
        return arg.isEmpty() ? DELTA_SECONDS_MAX : deltaSeconds(arg);
    }

    public boolean noStore() {
        return has("no-store");
    }

    /**
     * no-cache in its unqualified form: the whole response needs validation before reuse. The
     * qualified form ({@code no-cache="a, b"}) only withholds the fields it names (RFC 9111
     * §5.2.2.4), which the cache does by not storing them.
     */
    public boolean noCache() {
        return has("no-cache") && noCacheFields().isEmpty();
    }

    /** The field names of a qualified {@code no-cache="a, b"}; empty for the unqualified form. */
    public List<String> noCacheFields() {
        return fieldList(directives.get("no-cache"));
    }

    public boolean isPrivate() {
        return has("private");
    }

    /** The field names of a qualified {@code private="a, b"}; empty for the unqualified form. */
    public List<String> privateFields() {
        return fieldList(directives.get("private"));
    }

    public boolean isPublic() {
        return has("public");
    }

    public boolean mustRevalidate() {
        return has("must-revalidate");
    }

    public boolean proxyRevalidate() {
        return has("proxy-revalidate");
    }

    public boolean mustUnderstand() {
        return has("must-understand");
    }

    public boolean onlyIfCached() {
        return has("only-if-cached");
    }

    private static List<String> fieldList(String arg) {
        if (arg == null || arg.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String f : arg.split(",")) {
            String t = f.trim();
            if (!t.isEmpty()) {
                out.add(t.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return directives.toString();
    }
}
