package io.gatecache.core.downstream;

import io.gatecache.core.tags.Tags;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The requests that carry purges to one kind of purge server, batched to its limits: no field
 * longer than the maximum ({@code gatecache.purge.servers.max-header-length}, 7,500 by default as
 * FOSHttpCache has it), at most 256 keys a Fastly call and 100 tags a Cloudflare call. The tags of
 * every purge in a batch are sent once. A purge a kind cannot express becomes a purge of
 * everything there (a ban by expression at a CDN; a URL without its host at a CDN; a ban by
 * location ids anywhere but at another Gatecache; a value a header field cannot carry): nothing
 * stays stale downstream. Pure.
 *
 * @param kind the servers' kind
 * @param soft whether tags are purged softly where the kind can ({@code gatecache.purge.servers.soft}):
 *        Varnish's xkey soft purge and Fastly's {@code Fastly-Soft-Purge}
 * @param maxFieldLength the longest field value sent
 * @param token the API token of Fastly or Cloudflare, or the token another Gatecache trusts
 *        ({@code gatecache.purge.servers.token}); null for none
 * @param accountId Fastly's service id or Cloudflare's zone id ({@code gatecache.purge.servers.service-id}); null otherwise
 */
public record PurgeCalls(PurgeServerKind kind, boolean soft, int maxFieldLength, String token, String accountId) {

    /** The record without its token. */
    @Override
    public String toString() {
        return "PurgeCalls[kind=" + kind + ", soft=" + soft + ", maxFieldLength=" + maxFieldLength + ", token="
                + (token == null ? "(none)" : "(set)") + ", accountId=" + accountId + "]";
    }

    /** The most keys one Fastly call purges. */
    public static final int FASTLY_KEYS_PER_CALL = 256;
    /** The most tags one Cloudflare call purges. */
    public static final int CLOUDFLARE_TAGS_PER_CALL = 100;
    /** The longest field unless configured otherwise (FOSHttpCache's default). */
    public static final int DEFAULT_MAX_FIELD_LENGTH = 7500;

    /** The requests for a batch of purges, in order: a purge of everything alone when the batch has one. */
    public List<OutboundRequest> of(Collection<DownstreamPurge> batch) {
        TreeSet<String> tags = new TreeSet<>();
        List<OutboundRequest> others = new ArrayList<>();
        for (DownstreamPurge p : batch) {
            if (p instanceof DownstreamPurge.ByTags t) {
                if (kind != PurgeServerKind.CLOUDFLARE && !t.tags().stream().allMatch(Tags::isPlain)) {
                    return List.of(everything());
                }
                tags.addAll(t.tags());
            } else if (p instanceof DownstreamPurge.Invalidation i) {
                OutboundRequest r = kind.isApi() ? null : url(i.path());
                if (r != null && !others.contains(r)) {
                    others.add(r);
                }
            } else {
                OutboundRequest r = single(p);
                if (r == null) {
                    return List.of(everything());
                }
                if (!others.contains(r)) {
                    others.add(r);
                }
            }
        }
        List<OutboundRequest> out = new ArrayList<>(tagCalls(List.copyOf(tags)));
        out.addAll(others);
        return kind == PurgeServerKind.HTTP ? out.stream().map(this::authorized).toList() : out;
    }

    /** Another Gatecache's request with the token its {@code gatecache.purge.token} trusts, when one is set. */
    private OutboundRequest authorized(OutboundRequest r) {
        if (token == null) {
            return r;
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>(r.fields());
        fields.add(Map.entry("Authorization", "Bearer " + token));
        return new OutboundRequest(r.method(), r.path(), fields, r.body());
    }

    /** The request for one purge other than by tags; null when it is (or becomes) a purge of everything. */
    private OutboundRequest single(DownstreamPurge p) {
        if (p instanceof DownstreamPurge.Url u) {
            return url(u.url());
        }
        if (p instanceof DownstreamPurge.Ban b) {
            if (!expressionSafe(b.url()) || !expressionSafe(b.host()) || !expressionSafe(b.contentType())) {
                return null;
            }
            return switch (kind) {
                case VARNISH_XKEY, VARNISH_BAN, HTTP -> ban(spaced(b.url()), spaced(b.host()), spaced(b.contentType()), null);
                default -> null;
            };
        }
        if (p instanceof DownstreamPurge.Locations l && kind == PurgeServerKind.HTTP && expressionSafe(l.locations())) {
            return new OutboundRequest("BAN", "", List.of(Map.entry("X-Location-Id", spaced(l.locations()))), null);
        }
        return null;
    }

    /** A purge of everything, as the kind says it. */
    public OutboundRequest everything() {
        OutboundRequest r = plainEverything();
        return kind == PurgeServerKind.HTTP ? authorized(r) : r;
    }

    private OutboundRequest plainEverything() {
        return switch (kind) {
            case VARNISH_XKEY, VARNISH_BAN -> ban(".*", null, null, null);
            case HTTP -> new OutboundRequest("PURGE", "", List.of(Map.entry("Clear-Cache", "true")), null);
            case FASTLY -> new OutboundRequest("POST", "/service/" + accountId + "/purge_all", fastlyFields(false), null);
            case CLOUDFLARE -> cloudflare("{\"purge_everything\":true}");
        };
    }

    /** A purge of one URL; null when the kind needs a host the URL does not name. */
    private OutboundRequest url(String url) {
        URI u;
        try {
            u = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String pathAndQuery = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        if (!visibleAscii(pathAndQuery)) {
            return null;
        }
        return switch (kind) {
            case VARNISH_XKEY, VARNISH_BAN -> ban("^" + quote(pathAndQuery) + "$", null, null, null);
            case HTTP -> new OutboundRequest("PURGE", pathAndQuery, List.of(), null);
            case FASTLY -> u.getHost() == null ? null
                    : new OutboundRequest("POST", "/purge/" + u.getHost() + pathAndQuery, fastlyFields(soft), null);
            case CLOUDFLARE -> u.getHost() == null ? null : cloudflare("{\"files\":[" + json(u.toString()) + "]}");
        };
    }

    /** FOSHttpCache's ban: {@code X-Host}, {@code X-Url}, {@code X-Content-Type}, and the tags expression when given. */
    private static OutboundRequest ban(String url, String host, String contentType, String tags) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("X-Host", host == null ? ".*" : host));
        fields.add(Map.entry("X-Url", url));
        fields.add(Map.entry("X-Content-Type", contentType == null ? ".*" : contentType));
        if (tags != null) {
            fields.add(Map.entry("X-Cache-Tags", tags));
        }
        return new OutboundRequest("BAN", "", fields, null);
    }

    private List<OutboundRequest> tagCalls(List<String> tags) {
        List<OutboundRequest> out = new ArrayList<>();
        if (tags.isEmpty()) {
            return out;
        }
        switch (kind) {
            case VARNISH_XKEY -> {
                String field = soft ? "xkey-softpurge" : "xkey-purge";
                for (List<String> batch : batches(tags, " ", 0, 0, Integer.MAX_VALUE)) {
                    out.add(new OutboundRequest("PURGEKEYS", "", List.of(Map.entry(field, String.join(" ", batch))), null));
                }
            }
            case VARNISH_BAN -> {
                // "(^|,)(" + ... + ")(,|$)" around the tags, each quoted
                for (List<String> batch : batches(quoted(tags), "|", 12, 0, Integer.MAX_VALUE)) {
                    out.add(ban(".*", null, null, "(^|,)(" + String.join("|", batch) + ")(,|$)"));
                }
            }
            case HTTP -> {
                for (List<String> batch : batches(tags, ",", 0, 0, Integer.MAX_VALUE)) {
                    out.add(new OutboundRequest("PURGETAGS", "", List.of(Map.entry("X-Cache-Tags", String.join(",", batch))), null));
                }
            }
            case FASTLY -> {
                for (List<String> batch : batches(tags, " ", 0, 0, FASTLY_KEYS_PER_CALL)) {
                    List<Map.Entry<String, String>> fields = new ArrayList<>(fastlyFields(soft));
                    fields.add(Map.entry("Surrogate-Key", String.join(" ", batch)));
                    out.add(new OutboundRequest("POST", "/service/" + accountId + "/purge", fields, null));
                }
            }
            case CLOUDFLARE -> {
                // the tags travel in the body, which no field limit bounds
                for (List<String> batch : batches(tags, ",", 0, Integer.MAX_VALUE, CLOUDFLARE_TAGS_PER_CALL)) {
                    StringBuilder body = new StringBuilder("{\"tags\":[");
                    for (int i = 0; i < batch.size(); i++) {
                        body.append(i == 0 ? "" : ",").append(json(batch.get(i)));
                    }
                    out.add(cloudflare(body.append("]}").toString()));
                }
            }
        }
        return out;
    }

    /**
     * Tags in batches: each batch's joined length (plus {@code overhead}) within the field limit
     * ({@code limit} when it is not 0), and at most {@code count} tags. A tag longer than the
     * limit goes alone.
     */
    private List<List<String>> batches(List<String> tags, String separator, int overhead, int limit, int count) {
        int max = limit != 0 ? limit : maxFieldLength;
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long length = overhead;
        for (String tag : tags) {
            long next = length + (current.isEmpty() ? 0 : separator.length()) + tag.length();
            if (!current.isEmpty() && (next > max || current.size() >= count)) {
                out.add(current);
                current = new ArrayList<>();
                next = overhead + tag.length();
            }
            current.add(tag);
            length = next;
        }
        out.add(current);
        return out;
    }

    private List<Map.Entry<String, String>> fastlyFields(boolean softly) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("Fastly-Key", token == null ? "" : token));
        fields.add(Map.entry("Accept", "application/json"));
        if (softly) {
            fields.add(Map.entry("Fastly-Soft-Purge", "1"));
        }
        return fields;
    }

    private OutboundRequest cloudflare(String body) {
        return new OutboundRequest("POST", "/zones/" + accountId + "/purge_cache", List.of(
                Map.entry("Authorization", "Bearer " + (token == null ? "" : token)),
                Map.entry("Content-Type", "application/json")), body);
    }

    private static List<String> quoted(List<String> tags) {
        List<String> out = new ArrayList<>(tags.size());
        for (String t : tags) {
            out.add(quote(t));
        }
        return out;
    }

    /**
     * A text as a regular expression that matches it alone (PCRE and Java alike); a space is
     * written {@code \x20}, as a Varnish ban expression cannot hold one.
     */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                out.append("\\x20");
                continue;
            }
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A regular expression with its spaces written {@code \x20} (a Varnish ban cannot hold a space); null stays null. */
    private static String spaced(String expression) {
        return expression == null ? null : expression.replace(" ", "\\x20");
    }

    /** Whether a value can travel in a header field as it is: visible ASCII. */
    private static boolean visibleAscii(String tag) {
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return !tag.isEmpty();
    }

    /** Whether an expression can travel in a header field once its spaces are written {@code \x20}; null can. */
    private static boolean expressionSafe(String expression) {
        return expression == null || visibleAscii(expression.replace(" ", "x"));
    }

    /** A text as a JSON string. */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
