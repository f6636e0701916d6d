package io.gatecache.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An immutable, ordered list of header field lines; names compare case-insensitively
 * (RFC 9110 §5.1). Several lines with one name are kept as they came, and
 * {@link #get(String)} combines them as RFC 9110 §5.3 allows.
 */
public final class Headers {

    public static final Headers EMPTY = new Headers(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;

    private Headers(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds from alternating names and values: {@code of("Cache-Control", "max-age=1", "ETag", "\"a\"")}. */
    public static Headers of(String... namesAndValues) {
        Builder b = builder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    public boolean contains(String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The first field line's value, or null. */
    public String first(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** All field line values for a name, in order. */
    public List<String> all(String name) {
        List<String> out = null;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(values[i]);
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    /** The combined field value (lines joined with ", "), or null when absent. */
    public String get(String name) {
        String result = null;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                result = result == null ? values[i] : result + ", " + values[i];
            }
        }
        return result;
    }

    /** Distinct names in first-seen order, as sent. */
    public Set<String> names() {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> lower = new java.util.HashSet<>();
        for (String n : names) {
            if (lower.add(n.toLowerCase(Locale.ROOT))) {
                seen.add(n);
            }
        }
        return seen;
    }

    /** A copy without the lines whose name matches. */
    public Headers without(Predicate<String> nameMatches) {
        Builder b = builder();
        for (int i = 0; i < names.length; i++) {
            if (!nameMatches.test(names[i])) {
                b.add(names[i], values[i]);
            }
        }
        return b.build();
    }

    /** A copy without the named fields. */
    public Headers without(String... fieldNames) {
        return without(n -> {
            for (String f : fieldNames) {
                if (f.equalsIgnoreCase(n)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** A copy where every field named in {@code replacement} takes the replacement's lines. */
    public Headers replacedBy(Headers replacement) {
        Set<String> replaced = new java.util.HashSet<>();
        for (String n : replacement.names) {
            replaced.add(n.toLowerCase(Locale.ROOT));
        }
        Builder b = builder();
        for (int i = 0; i < names.length; i++) {
            if (!replaced.contains(names[i].toLowerCase(Locale.ROOT))) {
                b.add(names[i], values[i]);
            }
        }
        for (int i = 0; i < replacement.names.length; i++) {
            b.add(replacement.names[i], replacement.values[i]);
        }
        return b.build();
    }

    /** A copy with one field set to a single line (replacing any lines it had). */
    public Headers with(String name, String value) {
        return replacedBy(Headers.of(name, value));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            sb.append(names[i]).append(": ").append(values[i]).append('\n');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && java.util.Arrays.equals(names, h.names)
                && java.util.Arrays.equals(values, h.values);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(names) + java.util.Arrays.hashCode(values);
    }

    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        public Builder add(String name, String value) {
            if (name != null && value != null) {
                names.add(name);
                values.add(value);
            }
            return this;
        }

        public Headers build() {
            return names.isEmpty() ? EMPTY
                    : new Headers(names.toArray(new String[0]), values.toArray(new String[0]));
        }
    }
}
