package io.gatecache.core;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which header fields the cache stores, forwards, updates and generates: RFC 9111 §3.1
 * (storing header fields), §4.3.4 (freshening with a 304), RFC 9110 §7.6.1 (hop-by-hop fields)
 * and §15.4.5 (the fields of a 304).
 */
public final class HeaderRules {

    /** Hop-by-hop fields (RFC 9110 §7.6.1), never stored. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "proxy-authenticate", "proxy-authorization");

    /**
     * Fields a 304 must not change in the stored response (RFC 9111 §3.2): only Content-Length,
     * which frames the stored body. The other exceptions the RFC allows are for caches that store
     * a processed body (decoded, parsed); this one stores the bytes as received, so a 304's
     * Content-Type, Content-Encoding or ETag replaces the stored one like any other field.
     */
    static final Set<String> NOT_UPDATED_BY_304 = Set.of("content-length");

    /** Fields of a stored response that a 304 carries (RFC 9110 §15.4.5). */
    static final Set<String> SENT_WITH_304 = Set.of("cache-control", "content-location", "date", "etag",
            "expires", "vary", "last-modified");

    /** Fields only the cache itself generates; an origin's copies are not stored. */
    private final Set<String> generated;
    /** The RFC 9213 targeted fields the cache obeys, whose qualified directives name fields too. */
    private final List<String> targetedFields;

    /**
     * @param generatedFields names of the fields the cache adds when it answers (status header,
     *        Cache-Status, trace, Age), stripped before storing, except Age: the received Age is the
     *        age_value of RFC 9111 §4.2.3, so it is stored, and replaced when the cache answers
     */
    public HeaderRules(Set<String> generatedFields) {
        this(generatedFields, List.of());
    }

    /**
     * @param targetedFields the targeted cache-control fields the cache obeys (RFC 9213): the
     *        fields their qualified {@code private} / {@code no-cache} name are not stored either
     */
    public HeaderRules(Set<String> generatedFields, List<String> targetedFields) {
        Set<String> g = new HashSet<>();
        for (String f : generatedFields) {
            g.add(f.toLowerCase(Locale.ROOT));
        }
        this.generated = Set.copyOf(g);
        this.targetedFields = List.copyOf(targetedFields);
    }

    /**
     * The header section to store: without hop-by-hop fields, fields nominated by Connection,
     * Proxy-Authentication-Info (RFC 9111 §3.1), Set-Cookie, fields a qualified {@code private}
     * or {@code no-cache} names (RFC 9111 §5.2.2.4, §5.2.2.7) in Cache-Control or in a targeted
     * field, and the cache's own fields except
     * Age; with a Date when the origin sent none
     * (RFC 9110 §6.6.1).
     */
    public Headers forStorage(Headers response, long responseTime) {
        List<String> targeted = new java.util.ArrayList<>();
        for (String field : targetedFields) {
            String value = TargetedField.asCacheControl(response.get(field));
            if (value != null) {
                targeted.add(value);
            }
        }
        return forStorage(response, responseTime, targeted);
    }

    /**
     * The same, with the targeted fields read already.
     *
     * @param targeted the values of the targeted fields the response carries, read as Cache-Control
     */
    public Headers forStorage(Headers response, long responseTime, List<String> targeted) {
        Set<String> drop = new HashSet<>(HOP_BY_HOP);
        drop.add("proxy-authentication-info"); // proxy-specific, MUST NOT be stored (RFC 9111 §3.1)
        drop.add("set-cookie");
        drop.addAll(generated);
        drop.remove("age"); // the received Age is age_value (RFC 9111 §4.2.3): kept even when the cache generates Age
        drop.addAll(nominated(response.all("Connection")));
        withheld(drop, response.get("Cache-Control"));
        for (String value : targeted) {
            withheld(drop, value);
        }
        Headers stored = response.without(n -> drop.contains(n.toLowerCase(Locale.ROOT)));
        if (!stored.contains("Date") || HttpDate.parse(stored.first("Date")).isEmpty()) {
            stored = stored.with("Date", HttpDate.format(responseTime));
        }
        return stored;
    }

    /** Adds the fields a qualified {@code private} or {@code no-cache} names in a Cache-Control value. */
    private static void withheld(Set<String> drop, String cacheControl) {
        if (cacheControl != null) {
            CacheControl cc = CacheControl.parse(cacheControl);
            drop.addAll(cc.privateFields());
            drop.addAll(cc.noCacheFields());
        }
    }

    /**
     * The stored header section freshened by a 304 (RFC 9111 §4.3.4): each field the 304 carries
     * replaces the stored one, except Content-Length.
     */
    public Headers freshen(Headers stored, Headers notModified, long responseTime) {
        Headers update = forStorage(notModified, responseTime)
                .without(n -> NOT_UPDATED_BY_304.contains(n.toLowerCase(Locale.ROOT)));
        return stored.replacedBy(update);
    }

    /** The fields of a 304 the cache answers from a stored response (RFC 9110 §15.4.5). */
    public Headers notModified(Headers stored) {
        return stored.without(n -> !SENT_WITH_304.contains(n.toLowerCase(Locale.ROOT)));
    }

    /** Whether a field belongs to one connection only and is neither stored nor forwarded (hop-by-hop). */
    public static boolean isHopByHop(String name) {
        return HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The request fields that say a request came through a proxy: those proxies and load
     * balancers set to pass the client's address, host or scheme on.
     */
    public static final List<String> PROXY_FIELDS = List.of("Forwarded", "X-Forwarded-For", "Via", "X-Real-IP",
            "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Server", "True-Client-IP",
            "X-Client-IP", "X-Cluster-Client-IP", "CF-Connecting-IP", "Fastly-Client-IP");
    private static final Set<String> PROXY_FIELD_NAMES = PROXY_FIELDS.stream()
            .map(f -> f.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * The fields a request's Connection field lines take out of it (RFC 9110 §7.6.1), beyond the
     * hop-by-hop ones and the {@code close} option: lower case, empty when there are none. Such a
     * field belongs to the connection it came on: it is not forwarded, so it must not pick a
     * stored variant either, nor be read by the application, or an answer built without it would
     * be stored as the answer with it. A field that says a proxy passed the request on
     * ({@link #PROXY_FIELDS}) stays, whatever Connection says: purge trust must see it.
     */
    public static Set<String> removedFromRequest(Iterable<String> connectionValues) {
        Set<String> out = nominated(connectionValues);
        out.removeAll(HOP_BY_HOP);
        out.remove("close");
        out.removeAll(PROXY_FIELD_NAMES);
        return out;
    }

    /**
     * The fields a message's Connection field lines nominate as hop-by-hop (RFC 9110 §7.6.1),
     * lower case.
     */
    public static Set<String> nominated(Iterable<String> connectionValues) {
        Set<String> out = new HashSet<>();
        for (String value : connectionValues) {
            for (String f : value.split(",")) {
                String name = f.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
