package io.gatecache.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed {@code Vary} field (RFC 9110 §12.5.5): the request fields that select a variant,
 * lower-cased and de-duplicated, or {@code *}.
 */
public record Vary(boolean any, List<String> fields) {

    public static final Vary NONE = new Vary(false, List.of());

    public static Vary parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.equals("*")) {
                return new Vary(true, List.of());
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names.isEmpty() ? NONE : new Vary(false, List.copyOf(new ArrayList<>(names)));
    }

    public boolean isEmpty() {
        return !any && fields.isEmpty();
    }

    /** Request fields whose values compare case-insensitively: language ranges and content codings. */
    private static final Set<String> CASE_INSENSITIVE = Set.of("accept-language", "accept-encoding");

    /**
     * The normalised value of a request field for variant matching (RFC 9111 §4.1), as
     * {@link #normalise(String)}, and lower-cased for the fields whose values are
     * case-insensitive: Accept-Language (language ranges, RFC 4647 §2) and Accept-Encoding
     * (content codings, RFC 9110 §8.4.1).
     */
    public static String normalise(String field, String combinedValue) {
        String v = normalise(combinedValue);
        return v != null && CASE_INSENSITIVE.contains(field.toLowerCase(Locale.ROOT))
                ? v.toLowerCase(Locale.ROOT) : v;
    }

    /**
     * The normalised value of a request field for variant matching (RFC 9111 §4.1): lines
     * combined, runs of whitespace folded to one space, whitespace around commas removed;
     * an absent field is null, which matches only another absent field.
     */
    public static String normalise(String combinedValue) {
        if (combinedValue == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(combinedValue.length());
        boolean space = false;
        for (int i = 0; i < combinedValue.length(); i++) {
            char c = combinedValue.charAt(i);
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (c == ',') {
                space = false;
                sb.append(',');
                continue;
            }
            if (space && sb.length() > 0 && sb.charAt(sb.length() - 1) != ',') {
                sb.append(' ');
            }
            space = false;
            sb.append(c);
        }
        return sb.toString();
    }
}
