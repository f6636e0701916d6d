package io.gatecache.core;

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
        long maxEntryBytes) {

    public static final CacheOptions DEFAULTS = new CacheOptions(0, List.of("Authorization", "Cookie"),
            false, false, 2, 60, 3600, false, true, 1024 * 1024);

    public CacheOptions {
        privateHeaders = List.copyOf(privateHeaders);
    }

    public CacheOptions withDefaultTtl(long v) {
        return new CacheOptions(v, privateHeaders, allowReload, allowRevalidate, staleWhileRevalidate,
                staleIfError, keep, heuristicFreshness, defaultCacheControl, maxEntryBytes);
    }

    public CacheOptions withAllowReload(boolean v) {
        return new CacheOptions(defaultTtl, privateHeaders, v, allowRevalidate, staleWhileRevalidate,
                staleIfError, keep, heuristicFreshness, defaultCacheControl, maxEntryBytes);
    }

    public CacheOptions withAllowRevalidate(boolean v) {
        return new CacheOptions(defaultTtl, privateHeaders, allowReload, v, staleWhileRevalidate,
                staleIfError, keep, heuristicFreshness, defaultCacheControl, maxEntryBytes);
    }

    public CacheOptions withStaleWindows(long swr, long sie) {
        return new CacheOptions(defaultTtl, privateHeaders, allowReload, allowRevalidate, swr, sie, keep,
                heuristicFreshness, defaultCacheControl, maxEntryBytes);
    }

    public CacheOptions withHeuristicFreshness(boolean v) {
        return new CacheOptions(defaultTtl, privateHeaders, allowReload, allowRevalidate, staleWhileRevalidate,
                staleIfError, keep, v, defaultCacheControl, maxEntryBytes);
    }
}
