package io.gatecache.core;

import java.time.Instant;
import java.util.Optional;

/**
 * A Range request answered from a complete stored response (RFC 9110 §14): one satisfiable byte
 * range gives a 206, none gives a 416, and everything else (no Range, another unit, invalid
 * syntax, several ranges, an If-Range that does not hold, a method other than GET, a stored
 * status other than 200, an empty body) gives the whole representation, as a server that ignores
 * Range does.
 */
public final class ByteRanges {

    /** What to send. */
    public enum Kind { FULL, PARTIAL, UNSATISFIABLE }

    /**
     * The selection for one request.
     *
     * @param first the first byte of a PARTIAL answer, inclusive
     * @param last the last byte of a PARTIAL answer, inclusive
     * @param length the complete length of the representation
     */
    public record Selection(Kind kind, long first, long last, long length) {
        public static final Selection FULL = new Selection(Kind.FULL, 0, 0, 0);

        /** The Content-Range field value (RFC 9110 §14.4) of a PARTIAL or UNSATISFIABLE answer. */
        public String contentRange() {
            return kind == Kind.PARTIAL ? "bytes " + first + "-" + last + "/" + length : "bytes */" + length;
        }
    }

    private ByteRanges() {
    }

    /** The selection for a request against a stored response whose body is {@code length} bytes. */
    public static Selection select(CacheRequest request, StoredResponse stored, long length) {
        String range = request.field("Range");
        if (range == null || length == 0 || !request.method().equals("GET") || stored.status() != 200
                || !ifRangeHolds(request.field("If-Range"), stored)) {
            return Selection.FULL;
        }
        // ranges-specifier = range-unit "=" range-set; the unit compares case-insensitively
        String v = range.trim();
        int eq = v.indexOf('=');
        if (eq < 0 || !v.substring(0, eq).equalsIgnoreCase("bytes")) {
            return Selection.FULL;
        }
        long[] chosen = null;
        int specs = 0;
        int satisfiable = 0;
        for (String spec : v.substring(eq + 1).split(",", -1)) {
            String s = spec.trim();
            if (s.isEmpty()) {
                continue; // empty list elements are allowed (RFC 9110 §5.6.1)
            }
            long[] r = parse(s, length);
            if (r == null) {
                return Selection.FULL; // invalid syntax: Range is ignored
            }
            specs++;
            if (r.length == 2) {
                satisfiable++;
                chosen = r;
            }
        }
        if (specs == 0) {
            return Selection.FULL;
        }
        if (satisfiable == 0) {
            return new Selection(Kind.UNSATISFIABLE, 0, 0, length);
        }
        if (satisfiable > 1) {
            return Selection.FULL; // several ranges: the whole representation rather than multipart
        }
        return new Selection(Kind.PARTIAL, chosen[0], chosen[1], length);
    }

    /**
     * One range-spec: {first, last} when satisfiable, an empty array when valid but not
     * satisfiable, null when invalid.
     */
    private static long[] parse(String s, long length) {
        int dash = s.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = s.substring(0, dash);
        String b = s.substring(dash + 1);
        if (a.isEmpty()) {
            long suffix = digits(b);
            if (suffix < 0) {
                return null;
            }
            return suffix == 0 ? new long[0] : new long[] {Math.max(0, length - suffix), length - 1};
        }
        long first = digits(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
        if (first < 0 || last < 0 || last < first) {
            return null;
        }
        return first >= length ? new long[0] : new long[] {first, Math.min(last, length - 1)};
    }

    /** 1*DIGIT as a number (saturating), or -1. */
    private static long digits(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * If-Range (RFC 9110 §13.1.5): the range applies only when the validator matches the stored
     * response strongly: an entity-tag by strong comparison, or a date equal to a Last-Modified
     * that is strong (at least a second before the response's Date).
     */
    static boolean ifRangeHolds(String ifRange, StoredResponse stored) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            EntityTag tag = EntityTag.parse(v);
            Optional<EntityTag> current = stored.etag();
            return tag != null && current.isPresent() && tag.strongMatch(current.get());
        }
        Optional<Instant> date = HttpDate.parse(v);
        return date.isPresent() && stored.lastModified() >= 0 && date.get().toEpochMilli() == stored.lastModified()
                && stored.lastModified() <= stored.dateValue() - 1000;
    }
}
