package io.gatecache.core.purge;

import io.gatecache.core.RequestFields;
import io.gatecache.core.tags.Tags;
import java.util.Set;

/**
 * A purge asked for over HTTP, read from the dialects existing clients speak:
 * <ul>
 * <li>{@code PURGE <url>}: the URL, every variant (Symfony HttpCache, Varnish);</li>
 * <li>{@code PURGE} with {@code Clear-Cache: true}: everything;</li>
 * <li>{@code PURGE} with {@code xkey: a b}: the tags, hard; with {@code xkey-softpurge: a b}: soft
 * (Varnish's vmod xkey);</li>
 * <li>{@code PURGEKEYS} with {@code xkey-purge} or {@code xkey-softpurge} (FOSHttpCache's Varnish
 * client in purgekeys mode);</li>
 * <li>{@code PURGETAGS} with the tags header, {@code X-Cache-Tags: a,b} by default (FOSHttpCache's
 * Symfony proxy client);</li>
 * <li>{@code BAN} with {@code X-Url: <regex>}, and optionally {@code X-Host} and
 * {@code X-Content-Type} regexes (FOSHttpCache's Varnish ban);</li>
 * <li>{@code BAN} with {@code X-Location-Id: <regex>}: the responses one of whose location ids
 * matches (the seeds' purge by location, {@code ^(123|234)$}, or {@code .*} for every response
 * that has one).</li>
 * </ul>
 * Pure: a request in, a command (or why it is malformed) out.
 */
public sealed interface PurgeRequest {

    /** The methods the cache answers itself, never forwarding them. */
    Set<String> METHODS = Set.of("PURGE", "PURGETAGS", "PURGEKEYS", "BAN");

    /** Purge one URL (path and query), every variant under every host. */
    record Url(String target) implements PurgeRequest {
    }

    /** Purge entries by tag, hard or soft. */
    record ByTags(Set<String> tags, boolean soft) implements PurgeRequest {
    }

    /** Ban by regular expressions on URL, host and Content-Type (the last two may be null). */
    record Ban(String url, String host, String contentType) implements PurgeRequest {
    }

    /** Ban the entries one of whose location ids (their {@code l<id>} tags) matches a regular expression. */
    record LocationBan(String locations) implements PurgeRequest {
    }

    /** Clear everything. */
    record All() implements PurgeRequest {
    }

    /** A purge request that cannot be carried out, and why (a 400). */
    record Malformed(String why) implements PurgeRequest {
    }

    /** The field of a ban by location ids, and of a response's location ids (the seeds'). */
    String LOCATION_FIELD = "X-Location-Id";

    /** Whether a method is one the cache answers itself (methods are case-sensitive, RFC 9110 §9.1). */
    static boolean isPurgeMethod(String method) {
        return METHODS.contains(method);
    }

    /**
     * Reads a purge request.
     *
     * @param target the request target's path and query, as received
     * @param tagHeader the configured tags field ({@code gatecache.tags.header})
     */
    static PurgeRequest read(String method, String target, RequestFields fields, String tagHeader) {
        switch (method) {
            case "PURGE" -> {
                if ("true".equalsIgnoreCase(trim(fields.get("Clear-Cache")))) {
                    return new All();
                }
                String soft = fields.get("xkey-softpurge");
                if (soft != null) {
                    return tags(soft, true, "xkey-softpurge");
                }
                String hard = fields.get("xkey");
                if (hard != null) {
                    return tags(hard, false, "xkey");
                }
                return new Url(target);
            }
            case "PURGEKEYS" -> {
                String soft = fields.get("xkey-softpurge");
                if (soft != null) {
                    return tags(soft, true, "xkey-softpurge");
                }
                return tags(fields.get("xkey-purge"), false, "xkey-purge");
            }
            case "PURGETAGS" -> {
                String value = fields.get(tagHeader);
                if (value == null && !tagHeader.equalsIgnoreCase(Tags.DEFAULT_HEADER)) {
                    value = fields.get(Tags.DEFAULT_HEADER);
                }
                return tags(value, false, tagHeader);
            }
            case "BAN" -> {
                String locations = trim(fields.get(LOCATION_FIELD));
                if (locations != null) {
                    if (fields.get("X-Url") != null) {
                        return new Malformed("BAN takes X-Url or X-Location-Id, not both");
                    }
                    return locations.isEmpty() ? new Malformed("BAN with an empty X-Location-Id")
                            : new LocationBan(locations);
                }
                String url = trim(fields.get("X-Url"));
                if (url == null || url.isEmpty()) {
                    return new Malformed("BAN needs an X-Url (or X-Location-Id) field with a regular expression");
                }
                return new Ban(url, anyToNull(fields.get("X-Host")), anyToNull(fields.get("X-Content-Type")));
            }
            default -> {
                return new Malformed("not a purge method: " + method);
            }
        }
    }

    private static PurgeRequest tags(String value, boolean soft, String field) {
        Set<String> tags = Tags.parse(value);
        return tags.isEmpty() ? new Malformed("no tags in " + field) : new ByTags(tags, soft);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /**
     * An expression on a field that may be missing, null when it sets no condition: absent, blank,
     * or {@code .*} (FOSHttpCache's clients send it for "any", and an entry without the field,
     * such as a redirect without Content-Type, is meant too).
     */
    private static String anyToNull(String s) {
        return s == null || s.isBlank() || s.trim().equals(".*") ? null : s.trim();
    }
}
