package io.gatecache.core;

import java.util.ArrayList;
import java.util.List;

/**
 * An entity tag (RFC 9110 §8.8.3) with its strong and weak comparison functions.
 *
 * @param opaque the opaque-tag without its quotes
 * @param weak whether the tag carries the {@code W/} weakness indicator
 */
public record EntityTag(String opaque, boolean weak) {

    /**
     * Parses one entity-tag; null when the value is not one. An unquoted value, which some
     * servers send, is taken as its own opaque-tag rather than discarded.
     */
    public static EntityTag parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        boolean weak = false;
        if (v.startsWith("W/") || v.startsWith("w/")) {
            weak = true;
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return new EntityTag(v.substring(1, v.length() - 1), weak);
        }
        if (v.isEmpty() || v.indexOf('"') >= 0 || v.indexOf(',') >= 0 || v.indexOf(' ') >= 0) {
            return null;
        }
        return new EntityTag(v, weak);
    }

    /**
     * Parses an {@code If-Match}/{@code If-None-Match} list; {@code *} yields {@link Match#ANY}.
     * Members that are not entity-tags are skipped.
     */
    public static Match parseList(String value) {
        if (value == null) {
            return Match.NONE;
        }
        if (value.trim().equals("*")) {
            return Match.ANY;
        }
        List<EntityTag> tags = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int start = i;
            if (c == 'W' || c == 'w') {
                i += 2;
            }
            if (i < n && value.charAt(i) == '"') {
                int close = value.indexOf('"', i + 1);
                i = close < 0 ? n : close + 1;
            } else {
                while (i < n && value.charAt(i) != ',') {
                    i++;
                }
            }
            EntityTag t = parse(value.substring(start, Math.min(i, n)));
            if (t != null) {
                tags.add(t);
            }
        }
        return new Match(false, List.copyOf(tags));
    }

    /** Strong comparison: both strong and opaque-tags identical. */
    public boolean strongMatch(EntityTag other) {
        return other != null && !weak && !other.weak && opaque.equals(other.opaque);
    }

    /** Weak comparison: opaque-tags identical, weakness ignored. */
    public boolean weakMatch(EntityTag other) {
        return other != null && opaque.equals(other.opaque);
    }

    /** The field value form: {@code "abc"} or {@code W/"abc"}. */
    @Override
    public String toString() {
        return (weak ? "W/\"" : "\"") + opaque + '"';
    }

    /** A parsed entity-tag list, or {@code *}. */
    public record Match(boolean any, List<EntityTag> tags) {
        public static final Match NONE = new Match(false, List.of());
        public static final Match ANY = new Match(true, List.of());

        public boolean isPresent() {
            return any || !tags.isEmpty();
        }

        /** Whether the list matches a current tag under the weak comparison (If-None-Match, RFC 9110 §13.1.2). */
        public boolean weakMatches(EntityTag current) {
            if (any) {
                return current != null;
            }
            for (EntityTag t : tags) {
                if (t.weakMatch(current)) {
                    return true;
                }
            }
            return false;
        }
    }
}
