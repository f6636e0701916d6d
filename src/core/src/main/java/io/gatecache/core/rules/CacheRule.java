package io.gatecache.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One cache rule: what it matches (file extensions, or a directory, i.e. a path prefix), its
 * origin mode, its TTL and its TTLs by status.
 *
 * <p>Written as {@code match=extension:jpg,png; mode=override; ttl=3600; status=404=15,4xx=10}
 * or {@code match=directory:/static/; mode=follow-else-default; ttl=600}. {@code mode} defaults to
 * follow-else-default, {@code ttl} to 0.
 */
public record CacheRule(String name, Type type, List<String> values, OriginMode mode, long ttl,
        StatusTtls statusTtls) {

    /** What a rule matches on. */
    public enum Type {
        EXTENSION, DIRECTORY
    }

    public CacheRule {
        values = List.copyOf(values);
    }

    /** Parses a definition; throws {@link IllegalArgumentException} with a message naming the rule and the fix. */
    public static CacheRule parse(String name, String definition) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("rule name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        Type type = null;
        List<String> values = new ArrayList<>();
        OriginMode mode = OriginMode.FOLLOW_ELSE_DEFAULT;
        long ttl = 0;
        StatusTtls status = StatusTtls.NONE;
        try {
            for (String part : (definition == null ? "" : definition).split(";")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + p + "' is not key=value");
                }
                String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = p.substring(eq + 1).trim();
                switch (key) {
                    case "match" -> {
                        if (type != null) {
                            throw new IllegalArgumentException("match is given twice; one rule matches one "
                                    + "kind of thing (define another rule for the other)");
                        }
                        int colon = value.indexOf(':');
                        String kind = colon < 0 ? "" : value.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                        String what = colon < 0 ? "" : value.substring(colon + 1).trim();
                        if (kind.equals("extension")) {
                            type = Type.EXTENSION;
                            for (String ext : what.split(",")) {
                                String x = ext.trim().toLowerCase(Locale.ROOT);
                                x = x.startsWith(".") ? x.substring(1) : x;
                                if (!x.isEmpty()) {
                                    values.add(x);
                                }
                            }
                        } else if (kind.equals("directory")) {
                            if (what.isEmpty()) {
                                throw new IllegalArgumentException("match '" + value + "' names no directory "
                                        + "(use directory:/ to match every path)");
                            }
                            type = Type.DIRECTORY;
                            String dir = what.startsWith("/") ? what : "/" + what;
                            values.add(dir.endsWith("/") ? dir : dir + "/");
                        } else {
                            throw new IllegalArgumentException("match '" + value
                                    + "' must be extension:<ext>[,<ext>...] or directory:<path>");
                        }
                        if (values.isEmpty()) {
                            throw new IllegalArgumentException("match '" + value + "' names nothing");
                        }
                    }
                    case "mode" -> {
                        mode = OriginMode.of(value);
                        if (mode == null) {
                            throw new IllegalArgumentException("mode '" + value + "' is not one of "
                                    + "follow-else-default, follow-else-no-cache, no-cache, override");
                        }
                    }
                    case "ttl" -> {
                        try {
                            ttl = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("ttl '" + value + "' is not a number of seconds");
                        }
                        if (ttl < 0) {
                            throw new IllegalArgumentException("ttl " + ttl + " is negative");
                        }
                    }
                    case "status" -> status = StatusTtls.parse(value);
                    default -> throw new IllegalArgumentException("unknown key '" + key
                            + "' (known: match, mode, ttl, status)");
                }
            }
            if (type == null) {
                throw new IllegalArgumentException("no match=extension:... or match=directory:...");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cache rule '" + name + "': " + e.getMessage(), e);
        }
        return new CacheRule(name, type, values, mode, ttl, status);
    }

    /** Whether the rule applies to a path (relative to the application, without query). */
    public boolean matches(String path) {
        if (type == Type.DIRECTORY) {
            for (String dir : values) {
                if (path.startsWith(dir) || (path + "/").equals(dir)) {
                    return true;
                }
            }
            return false;
        }
        String ext = extension(path);
        return ext != null && values.contains(ext);
    }

    /** The lower-cased extension of a path's last segment, or null. */
    static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash && dot < path.length() - 1 ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : null;
    }

    /** The definition, as {@link #parse} reads it. */
    public String definition() {
        StringBuilder sb = new StringBuilder("match=").append(type.name().toLowerCase(Locale.ROOT)).append(':')
                .append(String.join(",", values)).append("; mode=").append(mode.label()).append("; ttl=").append(ttl);
        if (!statusTtls.isEmpty()) {
            sb.append("; status=").append(statusTtls);
        }
        return sb.toString();
    }
}
