package io.gatecache.engine.config;

import io.gatecache.core.purge.TrustedCallers;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How configuration values are read: each throws {@link IllegalArgumentException} on a value it does not allow. */
final class Parse {

    private static final Set<String> TRUE = Set.of("true", "yes", "y", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "off", "0");

    private Parse() {
    }

    /** A boolean, in the spellings MicroProfile Config reads as true, and their opposites. */
    static Boolean bool(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return true;
        }
        if (FALSE.contains(lower)) {
            return false;
        }
        throw new IllegalArgumentException();
    }

    static long wholeNumber(String v) {
        return Long.parseLong(v);
    }

    static long atLeast(long n, long min) {
        if (n < min) {
            throw new IllegalArgumentException();
        }
        return n;
    }

    static long between(long n, long min, long max) {
        if (n < min || n > max) {
            throw new IllegalArgumentException();
        }
        return n;
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A token (RFC 9110 §5.6.2), as field names are. */
    static String token(String v) {
        if (!v.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException();
        }
        return v;
    }

    static String path(String v) {
        if (!v.startsWith("/") || v.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#' || c >= 0x7f)) {
            throw new IllegalArgumentException();
        }
        return v;
    }

    /** A path that a servlet mapping takes as one exact path: not the default ({@code /}), no prefix or pattern. */
    static String exactPath(String v) {
        String p = path(v);
        if (p.endsWith("/") || p.indexOf('*') >= 0) {
            throw new IllegalArgumentException();
        }
        return p;
    }

    static String fieldName(String v) {
        return token(v);
    }

    static String oneOf(String v, String... allowed) {
        if (!List.of(allowed).contains(v)) {
            throw new IllegalArgumentException();
        }
        return v;
    }

    /** Absolute http or https URLs with a host, comma-separated. */
    static List<java.net.URI> urls(String csv) {
        List<java.net.URI> out = new java.util.ArrayList<>();
        for (String s : list(csv)) {
            java.net.URI u = java.net.URI.create(s);
            if (u.getHost() == null || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
                throw new IllegalArgumentException("not an http or https URL with a host (and no user or password): "
                        + (u.getRawUserInfo() == null ? s : "(a URL with a user or password)"));
            }
            out.add(u);
        }
        return List.copyOf(out);
    }

    /** Letters, digits, {@code -} and {@code _} (an id that goes into a URL's path as it is). */
    static String identifier(String v) {
        if (!v.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException();
        }
        return v;
    }

    /** Addresses and CIDR blocks, as the trusted callers read them. */
    static String addresses(String v) {
        TrustedCallers.of(v, null);
        return v;
    }
}
