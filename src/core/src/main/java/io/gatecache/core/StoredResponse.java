package io.gatecache.core;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A response as the cache keeps it: status, header section, body and the two instants that
 * RFC 9111 §4.2.3 needs ({@code request_time}, {@code response_time}), plus the request's values
 * of the fields its {@code Vary} names, which select this variant.
 *
 * <p>Immutable. The caching-relevant header fields are parsed once, when the response comes in
 * ({@link Parsed}); a store keeps the parsed values, so that a cache hit parses nothing.
 */
public final class StoredResponse {

    /** Value of {@link #expires()} when the Expires field is absent. */
    public static final long NO_EXPIRES = Long.MIN_VALUE;
    /** Value of {@link #expires()} when the Expires field is present but not a valid date. */
    public static final long INVALID_EXPIRES = Long.MIN_VALUE + 1;

    private final int status;
    private final Headers headers;
    private final byte[] body;
    private final long requestTime;
    private final long responseTime;
    private final Headers variantKey;
    private final long cacheTtl;
    private final String targetedField;
    private final List<String> tags;
    /** The instant a soft purge made the entry stale, or {@link #NOT_PURGED}. */
    private final long staleFrom;

    /** Value of {@link #staleFrom()} for an entry no soft purge reached. */
    public static final long NOT_PURGED = Long.MAX_VALUE;

    private final CacheControl cacheControl;
    private final long dateValue;
    private final long ageValue;
    private final long expires;
    private final long lastModified;
    private final EntityTag etag;
    private final Vary vary;

    /**
     * @param status the status code
     * @param headers the stored header section
     * @param body the body bytes (not copied: the caller hands them over)
     * @param requestTime epoch millis when the request that produced this response was sent on
     * @param responseTime epoch millis when the response was received
     * @param variantKey the normalised request values of the fields named by Vary (lower-case names)
     */
    public StoredResponse(int status, Headers headers, byte[] body, long requestTime, long responseTime,
            Headers variantKey) {
        this(status, headers, body, requestTime, responseTime, variantKey, -1);
    }

    /**
     * @param cacheTtl seconds this cache keeps the response fresh whatever its headers say (a cache
     *        rule's TTL), or -1 to follow its headers
     */
    public StoredResponse(int status, Headers headers, byte[] body, long requestTime, long responseTime,
            Headers variantKey, long cacheTtl) {
        this(status, headers, body, requestTime, responseTime, variantKey, cacheTtl, null);
    }

    /**
     * @param targetedField the RFC 9213 targeted field (e.g. {@code CDN-Cache-Control}) whose
     *        directives the cache obeys instead of Cache-Control and Expires, or null
     */
    public StoredResponse(int status, Headers headers, byte[] body, long requestTime, long responseTime,
            Headers variantKey, long cacheTtl, String targetedField) {
        this(status, headers, body, requestTime, responseTime, variantKey, cacheTtl, targetedField, List.of());
    }

    /**
     * @param tags the tags the response was stored with (purged together)
     */
    public StoredResponse(int status, Headers headers, byte[] body, long requestTime, long responseTime,
            Headers variantKey, long cacheTtl, String targetedField, Collection<String> tags) {
        this(status, headers, body, requestTime, responseTime, variantKey, cacheTtl, targetedField,
                targetedField == null ? null : TargetedField.asCacheControl(headers.get(targetedField)), tags);
    }

    private StoredResponse(int status, Headers headers, byte[] body, long requestTime, long responseTime,
            Headers variantKey, long cacheTtl, String targetedField, String targetedCacheControl, Collection<String> tags) {
        this(status, headers, body, requestTime, responseTime, variantKey, cacheTtl,
                targetedCacheControl == null ? null : targetedField, tags,
                Parsed.of(headers, targetedCacheControl, cacheTtl, responseTime));
    }

    /**
     * A response as it came in, whose targeted field (if any) was read already: its fields are
     * parsed here, once.
     *
     * @param targetedField the targeted field the cache obeys, or null
     * @param targetedCacheControl that field's value read as Cache-Control, or null
     */
    public static StoredResponse received(int status, Headers headers, byte[] body, long requestTime,
            long responseTime, Headers variantKey, long cacheTtl, String targetedField, String targetedCacheControl,
            Collection<String> tags) {
        return new StoredResponse(status, headers, body, requestTime, responseTime, variantKey, cacheTtl,
                targetedField, targetedCacheControl, tags);
    }

    /**
     * A response restored from a store with the values parsed when it came in: nothing is parsed.
     *
     * @param parsed the caching-relevant fields as parsed then
     */
    public StoredResponse(int status, Headers headers, byte[] body, long requestTime, long responseTime,
            Headers variantKey, long cacheTtl, String targetedField, Collection<String> tags, Parsed parsed) {
        this.status = status;
        this.tags = distinct(tags);
        this.cacheTtl = cacheTtl;
        this.targetedField = targetedField;
        this.headers = headers;
        this.body = body == null ? new byte[0] : body;
        this.requestTime = requestTime;
        this.responseTime = responseTime;
        this.variantKey = variantKey == null ? Headers.EMPTY : variantKey;
        this.cacheControl = parsed.cacheControl();
        this.dateValue = parsed.dateValue();
        this.ageValue = parsed.ageValue();
        this.expires = parsed.expires();
        this.lastModified = parsed.lastModified();
        this.etag = parsed.etag();
        this.vary = parsed.vary();
        this.staleFrom = NOT_PURGED;
    }

    /** A copy stale from an instant on (a soft purge). */
    private StoredResponse(StoredResponse r, long staleFrom) {
        this.status = r.status;
        this.headers = r.headers;
        this.body = r.body;
        this.requestTime = r.requestTime;
        this.responseTime = r.responseTime;
        this.variantKey = r.variantKey;
        this.cacheTtl = r.cacheTtl;
        this.targetedField = r.targetedField;
        this.tags = r.tags;
        this.cacheControl = r.cacheControl;
        this.dateValue = r.dateValue;
        this.ageValue = r.ageValue;
        this.expires = r.expires;
        this.lastModified = r.lastModified;
        this.etag = r.etag;
        this.vary = r.vary;
        this.staleFrom = staleFrom;
    }

    /**
     * This entry, stale from an instant on whatever its freshness (a soft purge of one of its
     * tags): still usable stale, its stale-while-revalidate and stale-if-error windows counted from
     * that instant. Not stored: the store judges it again at every read.
     */
    public StoredResponse staleFrom(long instant) {
        return instant >= staleFrom ? this : new StoredResponse(this, instant);
    }

    /** The instant a soft purge made the entry stale, or {@link #NOT_PURGED}. */
    public long staleFrom() {
        return staleFrom;
    }

    /**
     * The caching-relevant fields of a stored response, parsed once when it came in.
     *
     * @param cacheControl the directives the policies obey (see {@link StoredResponse#cacheControl()})
     * @param dateValue Date in epoch millis, the response time when absent or invalid
     * @param ageValue Age in seconds
     * @param expires Expires in epoch millis, {@link #NO_EXPIRES} or {@link #INVALID_EXPIRES}
     * @param lastModified Last-Modified in epoch millis, or -1
     * @param etag the entity tag, or null
     * @param vary the fields Vary names
     */
    public record Parsed(CacheControl cacheControl, long dateValue, long ageValue, long expires, long lastModified,
            EntityTag etag, Vary vary) {

        /**
         * @param targeted the targeted field's value read as Cache-Control, or null: it replaces
         *        Cache-Control and Expires (RFC 9213 §2.1)
         * @param cacheTtl a cache rule's TTL (its origin directives are not read at all), or -1
         */
        static Parsed of(Headers headers, String targeted, long cacheTtl, long responseTime) {
            CacheControl cc = cacheTtl >= 0 ? CacheControl.EMPTY
                    : CacheControl.parse(targeted != null ? targeted : headers.get("Cache-Control"));
            String expiresField = targeted != null || cacheTtl >= 0 ? null : headers.first("Expires");
            return new Parsed(cc,
                    HttpDate.parse(headers.first("Date")).map(Instant::toEpochMilli).orElse(responseTime),
                    parseAge(headers.first("Age")),
                    expiresField == null ? NO_EXPIRES
                            : HttpDate.parse(expiresField).map(Instant::toEpochMilli).orElse(INVALID_EXPIRES),
                    HttpDate.parse(headers.first("Last-Modified")).map(Instant::toEpochMilli).orElse(-1L),
                    EntityTag.parse(headers.first("ETag")),
                    Vary.parse(headers.get("Vary")));
        }
    }

    /** The caching-relevant fields as parsed when the response came in (for a store to keep). */
    public Parsed parsed() {
        return new Parsed(cacheControl, dateValue, ageValue, expires, lastModified, etag, vary);
    }

    /**
     * Age field value in seconds (RFC 9111 §5.1): the first member when the field came as a list
     * (several lines or a comma-separated value), parameters after ";" ignored; absent or invalid
     * (not delta-seconds: negative, fractional, non-numeric) is 0, as if the field were absent.
     */
    static long parseAge(String value) {
        if (value == null) {
            return 0;
        }
        String first = value;
        int comma = first.indexOf(',');
        if (comma >= 0) {
            first = first.substring(0, comma);
        }
        int semicolon = first.indexOf(';');
        if (semicolon >= 0) {
            first = first.substring(0, semicolon);
        }
        long v = CacheControl.deltaSeconds(first.trim());
        return v < 0 ? 0 : v;
    }

    public int status() {
        return status;
    }

    public Headers headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public long requestTime() {
        return requestTime;
    }

    public long responseTime() {
        return responseTime;
    }

    public Headers variantKey() {
        return variantKey;
    }

    /**
     * The Cache-Control the policies obey: the response's own (or its targeted field's), or none
     * when a cache rule's TTL overrides the origin's headers (see {@link #cacheTtl()}; the client
     * still receives the origin's headers).
     */
    public CacheControl cacheControl() {
        return cacheControl;
    }

    /** The targeted field whose directives the cache obeys (RFC 9213), or null. */
    public String targetedField() {
        return targetedField;
    }

    /** The tags the response was stored with, each once, in the order given. */
    public List<String> tags() {
        return tags;
    }

    /**
     * Tags as kept: a list (a hit reads them in order, no hashing), each once. A list, as a store
     * restores it, is taken as it is; other collections are de-duplicated.
     */
    private static List<String> distinct(Collection<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        return tags instanceof List<String> list ? List.copyOf(list) : List.copyOf(new java.util.LinkedHashSet<>(tags));
    }

    /**
     * Seconds a cache rule keeps the response fresh whatever its headers say, or -1: the entry is
     * fetched again once the rule's TTL is over (no stale-while-revalidate), stale-if-error still
     * applies.
     */
    public long cacheTtl() {
        return cacheTtl;
    }

    /** The Date field in epoch millis; the response time when absent or invalid (RFC 9110 §6.6.1). */
    public long dateValue() {
        return dateValue;
    }

    /** The Age field in seconds. */
    public long ageValue() {
        return ageValue;
    }

    /** Expires in epoch millis, or {@link #NO_EXPIRES}, or {@link #INVALID_EXPIRES}. */
    public long expires() {
        return expires;
    }

    /** Last-Modified in epoch millis, or -1. */
    public long lastModified() {
        return lastModified;
    }

    public Optional<EntityTag> etag() {
        return Optional.ofNullable(etag);
    }

    public Vary vary() {
        return vary;
    }

    /** Whether the response carries a validator the origin can be asked about. */
    public boolean hasValidator() {
        return etag != null || lastModified >= 0;
    }

    /**
     * Whether a 200 to a HEAD request for this resource describes this stored response (RFC 9111
     * §4.3.5, selecting as §4.3.4 does): its ETag, if any, matches (strongly when strong, weakly
     * when weak), its Last-Modified, if any, is the same instant, and its Content-Length, if any,
     * is the stored body's length.
     */
    public boolean describedBy(Headers head) {
        EntityTag tag = EntityTag.parse(head.first("ETag"));
        if (tag != null && (this.etag == null || !(tag.weak() ? tag.weakMatch(this.etag) : tag.strongMatch(this.etag)))) {
            return false;
        }
        String modified = head.first("Last-Modified");
        if (modified != null && !HttpDate.parse(modified).map(d -> d.toEpochMilli() == lastModified).orElse(false)) {
            return false;
        }
        String length = head.first("Content-Length");
        return length == null || length.trim().equals(String.valueOf(body.length));
    }

    /** A copy with another header section and times (a 304 update, RFC 9111 §4.3.4). */
    public StoredResponse refreshed(Headers newHeaders, long newRequestTime, long newResponseTime) {
        return new StoredResponse(status, newHeaders, body, newRequestTime, newResponseTime, variantKey, cacheTtl,
                targetedField, tags);
    }
}
