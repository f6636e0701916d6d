package io.gatecache.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A targeted cache-control field such as {@code CDN-Cache-Control} (RFC 9213): a Structured
 * Fields Dictionary (RFC 9651 §3.2) whose members are cache directives.
 *
 * <p>The field is read into the equivalent Cache-Control value. A value that is empty or does not
 * parse as a Dictionary is ignored as a whole (RFC 9213 §2.1), so the cache falls back to
 * Cache-Control. A directive whose value has the wrong type is not consumed (§2.1: a delta-seconds
 * directive must be a non-negative Integer, a flag must be {@code true}, a field list a String);
 * parameters are ignored. Keys are lower case, as Structured Fields require: {@code MaX-aGe=60}
 * is not a Dictionary, so such a field is ignored.
 */
public final class TargetedField {

    /** Directives whose argument is delta-seconds (RFC 9111 §5.2, RFC 5861). */
    private static final Set<String> SECONDS = Set.of("max-age", "s-maxage", "stale-while-revalidate",
            "stale-if-error");
    /** Directives that may carry a list of field names as a String (RFC 9111 §5.2.2.4, §5.2.2.7). */
    private static final Set<String> FIELD_LISTS = Set.of("no-cache", "private");

    private TargetedField() {
    }

    /**
     * The field value as a Cache-Control value, or null when the field is absent, empty or not a
     * valid Dictionary.
     */
    public static String asCacheControl(String value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> members = new Parser(value).dictionary();
        if (members == null || members.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        members.forEach((name, v) -> {
            String directive = directive(name, v);
            if (directive != null) {
                out.append(out.length() == 0 ? "" : ", ").append(directive);
            }
        });
        // a Dictionary of directives that are all unusable is still a targeted field: it was sent
        return out.length() == 0 ? "" : out.toString();
    }

    private static String directive(String name, Object v) {
        if (SECONDS.contains(name)) {
            return v instanceof Long n && n >= 0 ? name + "=" + n : null;
        }
        if (FIELD_LISTS.contains(name) && v instanceof String s) {
            return name + "=\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (v instanceof Boolean b) {
            return b ? name : null;
        }
        // another directive with an argument this cache does not read: present, argument dropped
        // (a private or no-cache with an unexpected value so counts in its stricter, unqualified form)
        return name;
    }

    /**
     * A Structured Fields parser for one Dictionary (RFC 9651 §4.2.2), reduced to what the cache
     * reads: members map to Long (Integer), Boolean, String (String or Token), or a marker for
     * the types it does not read (Decimal, Byte Sequence, Date, Display String, Inner List).
     */
    private static final class Parser {
        private static final Object OTHER = new Object();
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> dictionary() {
            Map<String, Object> out = new LinkedHashMap<>();
            try {
                skip(' ');
                while (i < s.length()) {
                    String key = key();
                    Object value = Boolean.TRUE;
                    if (peek() == '=') {
                        i++;
                        value = peek() == '(' ? innerList() : bareItem();
                    }
                    parameters();
                    out.put(key, value);
                    skipOws();
                    if (i >= s.length()) {
                        return out;
                    }
                    expect(',');
                    skipOws();
                    if (i >= s.length()) {
                        return null; // trailing comma
                    }
                }
                return out;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** key = ( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" ): lower case only. */
        private String key() {
            char c = peek();
            if (!(c >= 'a' && c <= 'z' || c == '*')) {
                throw new IllegalArgumentException();
            }
            int start = i;
            while (i < s.length()) {
                char k = s.charAt(i);
                if (k >= 'a' && k <= 'z' || k >= '0' && k <= '9' || k == '_' || k == '-' || k == '.' || k == '*') {
                    i++;
                } else {
                    break;
                }
            }
            return s.substring(start, i);
        }

        private void parameters() {
            while (peek() == ';') {
                i++;
                skip(' ');
                key();
                if (peek() == '=') {
                    i++;
                    bareItem();
                }
            }
        }

        private Object innerList() {
            expect('(');
            while (true) {
                skip(' ');
                if (peek() == ')') {
                    i++;
                    parameters();
                    return OTHER;
                }
                bareItem();
                parameters();
                char c = peek();
                if (c != ' ' && c != ')') {
                    throw new IllegalArgumentException();
                }
            }
        }

        private Object bareItem() {
            char c = peek();
            if (c == '-' || c >= '0' && c <= '9') {
                return number();
            }
            if (c == '"') {
                return string();
            }
            if (c == '*' || Character.isLetter(c) && c < 128) {
                return token();
            }
            if (c == ':') {
                return byteSequence();
            }
            if (c == '?') {
                i++;
                char b = peek();
                i++;
                if (b == '0' || b == '1') {
                    return b == '1';
                }
                throw new IllegalArgumentException();
            }
            if (c == '@') {
                i++;
                if (!(number() instanceof Long)) {
                    throw new IllegalArgumentException();
                }
                return OTHER;
            }
            if (c == '%') {
                i++;
                displayString();
                return OTHER;
            }
            throw new IllegalArgumentException();
        }

        private Object number() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            int digitsStart = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            int intDigits = i - digitsStart;
            if (intDigits == 0) {
                throw new IllegalArgumentException();
            }
            if (peek() == '.') {
                i++;
                int fracStart = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                int frac = i - fracStart;
                if (intDigits > 12 || frac < 1 || frac > 3) {
                    throw new IllegalArgumentException();
                }
                return OTHER;
            }
            if (intDigits > 15) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char next = peek();
                    if (next != '"' && next != '\\') {
                        throw new IllegalArgumentException();
                    }
                    out.append(next);
                    i++;
                } else if (c == '"') {
                    return out.toString();
                } else if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException();
                } else {
                    out.append(c);
                }
            }
            throw new IllegalArgumentException(); // unterminated
        }

        /** A Display String's content (RFC 9651 §4.2.10): printable ASCII and %-escapes in lower-case hex. */
        private void displayString() {
            expect('"');
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return;
                }
                if (c == '%') {
                    for (int k = 0; k < 2; k++) {
                        char h = peek();
                        if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f')) {
                            throw new IllegalArgumentException();
                        }
                        i++;
                    }
                } else if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException();
                }
            }
            throw new IllegalArgumentException(); // unterminated
        }

        private String token() {
            int start = i++;
            while (i < s.length() && (isTchar(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '/')) {
                i++;
            }
            return s.substring(start, i);
        }

        private Object byteSequence() {
            expect(':');
            while (i < s.length() && s.charAt(i) != ':') {
                char c = s.charAt(i++);
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                        || c == '=')) {
                    throw new IllegalArgumentException();
                }
            }
            expect(':');
            return OTHER;
        }

        private static boolean isTchar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException();
            }
            i++;
        }

        private void skip(char c) {
            while (peek() == c) {
                i++;
            }
        }

        private void skipOws() {
            while (peek() == ' ' || peek() == '\t') {
                i++;
            }
        }
    }
}
