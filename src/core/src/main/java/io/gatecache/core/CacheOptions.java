package io.gatecache.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The cache's behaviour options, named and defaulted as Symfony's HttpCache names them where it
 * has the option.
 *
 * @param defaultTtl seconds a storable response with no explicit freshness is fresh ({@code default_ttl}, 0)
 * @param privateHeaders request fields that make a response private unless it says {@code public}
 *        or {@code s-maxage} ({@code private_headers}: Authorization, Cookie)
 * @param allowReload honour a request's {@code no-cache} by revalidating ({@code allow_reload}, false)
 * @param allowRevalidate honour a request's {@code max-age} and {@code min-fresh} ({@code allow_revalidate}, false)
 * @param staleWhileRevalidate default seconds a stale response may be served while one refresh runs
 *        ({@code stale_while_revalidate}, 2); the response's own directive wins
 * @param staleIfError default seconds a stale response may be served when the origin fails
 *        ({@code stale_if_error}, 60); the response's own directive wins
 * @param keep seconds an entry with a validator is kept after its stale windows, for revalidation (3600)
 * @param heuristicFreshness allow heuristic freshness (RFC 9111 §4.2.2) for responses without explicit freshness (false)
 * @param defaultCacheControl give a response that sets no Cache-Control Symfony's conservative default (true)
 * @param maxEntryBytes the largest body stored (1 MiB)
 * @param targetedFields RFC 9213 targeted cache-control fields this cache obeys, in precedence
 *        order (e.g. {@code CDN-Cache-Control}); none by default
 */
public record CacheOptions(
        long defaultTtl,
        List<String> privateHeaders,
        boolean allowReload,
        boolean allowRevalidate,
        long staleWhileRevalidate,
        long staleIfError,
        long keep,
        boolean heuristicFreshness,
        boolean defaultCacheControl,
        long maxEntryBytes,
        List<String> targetedFields) {

    public static final CacheOptions DEFAULTS = new CacheOptions(0, List.of("Authorization", "Cookie"),
            false, false, 2, 60, 3600, false, true, 1024 * 1024, List.of());

    public CacheOptions {
        privateHeaders = List.copyOf(privateHeaders);
        targetedFields = List.copyOf(targetedFields);
    }

    /** Options without targeted fields. */
    public CacheOptions(long defaultTtl, List<String> privateHeaders, boolean allowReload, boolean allowRevalidate,
            long staleWhileRevalidate, long staleIfError, long keep, boolean heuristicFreshness,
            boolean defaultCacheControl, long maxEntryBytes) {
        this(defaultTtl, privateHeaders, allowReload, allowRevalidate, staleWhileRevalidate, staleIfError, keep,
                heuristicFreshness, defaultCacheControl, maxEntryBytes, List.of());
    }

    /**
     * The targeted fields (RFC 9213) a response carries, each read once.
     *
     * @param field the first of them with a valid, non-empty value: the cache obeys it instead of
     *        Cache-Control and Expires; null when there is none
     * @param cacheControl that field's value read as Cache-Control, or null
     * @param values every valid one's value read as Cache-Control (their qualified directives name
     *        fields that are not stored)
     */
    public record Targeted(String field, String cacheControl, List<String> values) {
        public static final Targeted NONE = new Targeted(null, null, List.of());
    }

    /** Reads the response's targeted fields, once. */
    public Targeted targeted(Headers response) {
        if (targetedFields.isEmpty()) {
            return Targeted.NONE;
        }
        String field = null;
        String cacheControl = null;
        List<String> values = new ArrayList<>(1);
        for (String f : targetedFields) {
            String value = TargetedField.asCacheControl(response.get(f));
            if (value != null) {
                values.add(value);
                if (field == null) {
                    field = f;
                    cacheControl = value;
                }
            }
        }
        return values.isEmpty() ? Targeted.NONE : new Targeted(field, cacheControl, List.copyOf(values));
    }

    /**
     * The response's header section as the cache's policies read it: with a targeted field, its
     * directives stand in for Cache-Control and Expires is ignored (RFC 9213 §2.1).
     */
    public Headers policyView(Headers response) {
        return policyView(response, targeted(response));
    }

    /** The same, with the targeted fields read already. */
    public Headers policyView(Headers response, Targeted targeted) {
        return targeted.field() == null ? response
                : response.without("Cache-Control", "Expires").with("Cache-Control", targeted.cacheControl());
    }

    public CacheOptions withTargetedFields(List<String> fields) {
        return new CacheOptions(defaultTtl, privateHeaders, allowReload, allowRevalidate, staleWhileRevalidate,
                staleIfError, keep, heuristicFreshness, defaultCacheControl, maxEntryBytes, fields);
    }

    public CacheOptions withDefaultTtl(long v) {
        return new CacheOptions(v, privateHeaders, allowReload, allowRevalidate, staleWhileRevalidate,
                staleIfError, keep, heuristicFreshness, defaultCacheControl, maxEntryBytes, targetedFields);
    }

    public CacheOptions withAllowReload(boolean v) {
        return new CacheOptions(defaultTtl, privateHeaders, v, allowRevalidate, staleWhileRevalidate,
                staleIfError, keep, heuristicFreshness, defaultCacheControl, maxEntryBytes, targetedFields);
    }

    public CacheOptions withAllowRevalidate(boolean v) {
        return new CacheOptions(defaultTtl, privateHeaders, allowReload, v, staleWhileRevalidate,
                staleIfError, keep, heuristicFreshness, defaultCacheControl, maxEntryBytes, targetedFields);
    }

    public CacheOptions withStaleWindows(long swr, long sie) {
        return new CacheOptions(defaultTtl, privateHeaders, allowReload, allowRevalidate, swr, sie, keep,
                heuristicFreshness, defaultCacheControl, maxEntryBytes, targetedFields);
    }

    public CacheOptions withHeuristicFreshness(boolean v) {
        return new CacheOptions(defaultTtl, privateHeaders, allowReload, allowRevalidate, staleWhileRevalidate,
                staleIfError, keep, v, defaultCacheControl, maxEntryBytes, targetedFields);
    }
}
