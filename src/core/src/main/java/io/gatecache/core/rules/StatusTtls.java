package io.gatecache.core.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TTLs by response status: exact codes ({@code 201=10}, {@code 404=15}) and, for 4xx and 5xx
 * only, classes ({@code 4xx=10}). An exact code beats its class. Written and parsed as
 * {@code 201=10,404=15,4xx=10}.
 */
public final class StatusTtls {

    public static final StatusTtls NONE = new StatusTtls(Map.of(), Map.of());

    private final Map<Integer, Long> exact;
    private final Map<Integer, Long> classes;

    private StatusTtls(Map<Integer, Long> exact, Map<Integer, Long> classes) {
        this.exact = exact;
        this.classes = classes;
    }

    /**
     * Parses a list; throws {@link IllegalArgumentException} naming the entry at fault for a
     * malformed entry, a code outside 200-599, a class for 2xx or 3xx, or a negative TTL.
     */
    public static StatusTtls parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        Map<Integer, Long> exact = new LinkedHashMap<>();
        Map<Integer, Long> classes = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            String e = entry.trim();
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("status TTL '" + e + "' is not <code>=<seconds>, e.g. 404=15");
            }
            String code = e.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
            long ttl;
            try {
                ttl = Long.parseLong(e.substring(eq + 1).trim());
            } catch (NumberFormatException nfe) {
                throw new IllegalArgumentException("status TTL '" + e + "': '" + e.substring(eq + 1).trim()
                        + "' is not a number of seconds");
            }
            if (ttl < 0) {
                throw new IllegalArgumentException("status TTL '" + e + "' is negative; use seconds >= 0");
            }
            if (code.length() == 3 && code.endsWith("xx")) {
                int family = code.charAt(0) - '0';
                if (family != 4 && family != 5) {
                    throw new IllegalArgumentException("status TTL '" + e + "': classes are allowed for 4xx and 5xx"
                            + " only; give exact codes for 2xx and 3xx (e.g. 201=10)");
                }
                classes.put(family, ttl);
            } else {
                int c;
                try {
                    c = Integer.parseInt(code);
                } catch (NumberFormatException nfe) {
                    throw new IllegalArgumentException("status TTL '" + e + "': '" + code
                            + "' is neither a status code nor a class like 4xx");
                }
                if (c == 206) {
                    throw new IllegalArgumentException("status TTL '" + e + "': partial content (206) is never "
                            + "stored; a range is answered from the full response");
                }
                if (c < 200 || c > 599) {
                    throw new IllegalArgumentException("status TTL '" + e + "': " + c + " is not a final status (200-599)");
                }
                exact.put(c, ttl);
            }
        }
        return new StatusTtls(Map.copyOf(exact), Map.copyOf(classes));
    }

    /** The TTL in seconds for a status (its exact code, else its class), or null when none is set. */
    public Long ttl(int status) {
        Long t = exact.get(status);
        return t != null ? t : classes.get(status / 100);
    }

    public boolean isEmpty() {
        return exact.isEmpty() && classes.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        exact.forEach((c, t) -> sb.append(sb.length() == 0 ? "" : ",").append(c).append('=').append(t));
        classes.forEach((c, t) -> sb.append(sb.length() == 0 ? "" : ",").append(c).append("xx=").append(t));
        return sb.toString();
    }
}
