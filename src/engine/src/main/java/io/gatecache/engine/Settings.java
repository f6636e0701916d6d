package io.gatecache.engine;

import io.gatecache.core.CacheKey;
import io.gatecache.core.CacheOptions;
import io.gatecache.core.purge.PurgeLedger;
import io.gatecache.core.purge.TrustedCallers;
import io.gatecache.core.rules.CacheRule;
import io.gatecache.core.rules.RuleSet;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.core.tags.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the cache, read once at start (from MicroProfile Config by the Jakarta
 * integration). The configuration page's table (docs/configuration.md) lists the same keys, which
 * {@link #describe()} shows.
 */
public record Settings(
        boolean enabled,
        boolean debug,
        CacheOptions options,
        String statusHeader,
        String cacheStatusName,
        String traceHeader,
        long coalescingTimeoutMillis,
        long refreshTimeoutMillis,
        String store,
        Map<String, String> storeSettings,
        int maxVariants,
        RuleSet rules,
        boolean cdnProfile,
        long rulesDefaultTtl,
        String gatewayOrigin,
        String gatewayPrefix,
        long gatewayConnectTimeoutMillis,
        long gatewayTimeoutMillis,
        long gatewayMaxBodyBytes,
        List<String> gatewayStripFields,
        java.util.Set<String> hosts,
        Purging purging,
        Esi esi,
        boolean fastPath) {

    /**
     * ESI assembly.
     *
     * @param maxDepth how deep includes may nest ({@code gatecache.esi.max-depth})
     * @param maxIncludes how many includes one page may have ({@code gatecache.esi.max-includes})
     * @param maxBytes the largest assembled page ({@code gatecache.esi.max-bytes})
     * @param timeoutMillis how long a page waits for its fragments ({@code gatecache.esi.timeout-ms})
     * @param errorStatus the status of a page whose include failed without {@code onerror="continue"}
     *        or a working {@code alt} ({@code gatecache.esi.error-status})
     * @param allowedHosts hosts includes may name besides the page's own ({@code gatecache.esi.allowed-hosts})
     */
    public record Esi(int maxDepth, int maxIncludes, long maxBytes, long timeoutMillis, int errorStatus,
            java.util.Set<String> allowedHosts) {

        /** The defaults: depth 5, 100 includes, 10 MiB, 10 s, 502, no other host. */
        public static final Esi DEFAULTS = new Esi(5, 100, 10L * 1024 * 1024, 10_000, 502, java.util.Set.of());
    }

    /**
     * Tags and purging.
     *
     * @param tagHeader the field tags are read from and purged by ({@code gatecache.tags.header});
     *        {@code X-Cache-Tags}, {@code xkey} and {@code Surrogate-Key} are read too
     * @param contentTags the content tag scheme, with its prefix and all-tag
     * @param enabled whether purge requests are answered ({@code gatecache.purge.enabled}); a 405 when not
     * @param trustedAddresses the networks whose callers may purge, as configured
     * @param trusted who may purge: those networks, or a caller with the token
     * @param maxLifespanMillis the longest an entry is kept ({@code gatecache.max-lifespan}); purge
     *        records are kept as long
     */
    public record Purging(String tagHeader, ContentTags contentTags, boolean enabled, String trustedAddresses,
            TrustedCallers trusted, boolean hasToken, long maxLifespanMillis) {

        /** The defaults: tags in X-Cache-Tags, no prefix, purging on for loopback callers, no token, a day. */
        public static final Purging DEFAULTS = new Purging(Tags.DEFAULT_HEADER,
                new ContentTags("", ContentTags.DEFAULT_ALL_TAG), true, TrustedCallers.DEFAULT_ADDRESSES,
                TrustedCallers.of(TrustedCallers.DEFAULT_ADDRESSES, null), false,
                PurgeLedger.DEFAULT_RETENTION_MILLIS);
    }

    /**
     * Whether responses for a host may be stored: a configured one ({@code gatecache.hosts},
     * normalised by {@link CacheKey#normaliseHost}; {@code *} for any).
     *
     * @param host a host as {@link CacheKey#host} reads it
     */
    public boolean servesHost(String host) {
        return hosts.contains("*") || hosts.contains(host);
    }

    /** The prefix of every configuration key. */
    public static final String PREFIX = "gatecache.";

    /** The effective configuration, for the management view. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "enabled", String.valueOf(enabled));
        m.put(PREFIX + "debug", String.valueOf(debug));
        m.put(PREFIX + "default-ttl", String.valueOf(options.defaultTtl()));
        m.put(PREFIX + "private-headers", String.join(",", options.privateHeaders()));
        m.put(PREFIX + "allow-reload", String.valueOf(options.allowReload()));
        m.put(PREFIX + "allow-revalidate", String.valueOf(options.allowRevalidate()));
        m.put(PREFIX + "stale-while-revalidate", String.valueOf(options.staleWhileRevalidate()));
        m.put(PREFIX + "stale-if-error", String.valueOf(options.staleIfError()));
        m.put(PREFIX + "keep", String.valueOf(options.keep()));
        m.put(PREFIX + "heuristic-freshness", String.valueOf(options.heuristicFreshness()));
        m.put(PREFIX + "default-cache-control", String.valueOf(options.defaultCacheControl()));
        m.put(PREFIX + "max-entry-bytes", String.valueOf(options.maxEntryBytes()));
        m.put(PREFIX + "targeted-fields", String.join(",", options.targetedFields()));
        m.put(PREFIX + "status-header", statusHeader);
        m.put(PREFIX + "cache-status-name", cacheStatusName);
        m.put(PREFIX + "trace-header", traceHeader);
        m.put(PREFIX + "coalescing-timeout-ms", String.valueOf(coalescingTimeoutMillis));
        m.put(PREFIX + "refresh-timeout-ms", String.valueOf(refreshTimeoutMillis));
        m.put(PREFIX + "store", store);
        new java.util.TreeMap<>(storeSettings).forEach((key, value) -> m.put(PREFIX + "store." + key, value));
        m.put(PREFIX + "max-variants", String.valueOf(maxVariants));
        m.put(PREFIX + "rules.profile", cdnProfile ? "cdn" : "strict");
        m.put(PREFIX + "rules.default-ttl", String.valueOf(rulesDefaultTtl));
        m.put(PREFIX + "gateway.origin", gatewayOrigin == null ? "" : gatewayOrigin);
        m.put(PREFIX + "gateway.prefix", gatewayPrefix);
        m.put(PREFIX + "gateway.connect-timeout-ms", String.valueOf(gatewayConnectTimeoutMillis));
        m.put(PREFIX + "gateway.timeout-ms", String.valueOf(gatewayTimeoutMillis));
        m.put(PREFIX + "gateway.max-body-bytes", String.valueOf(gatewayMaxBodyBytes));
        m.put(PREFIX + "gateway.strip-request-fields", String.join(",", gatewayStripFields));
        m.put(PREFIX + "hosts", String.join(",", new java.util.TreeSet<>(hosts)));
        m.put(PREFIX + "max-lifespan", String.valueOf(purging.maxLifespanMillis() / 1000));
        m.put(PREFIX + "tags.header", purging.tagHeader());
        m.put(PREFIX + "tags.prefix", purging.contentTags().prefix());
        m.put(PREFIX + "tags.all-tag", purging.contentTags().allTag());
        m.put(PREFIX + "purge.enabled", String.valueOf(purging.enabled()));
        m.put(PREFIX + "purge.trusted-addresses", purging.trustedAddresses());
        m.put(PREFIX + "purge.token", purging.hasToken() ? "(set)" : "");
        m.put(PREFIX + "esi.max-depth", String.valueOf(esi.maxDepth()));
        m.put(PREFIX + "esi.max-includes", String.valueOf(esi.maxIncludes()));
        m.put(PREFIX + "esi.max-bytes", String.valueOf(esi.maxBytes()));
        m.put(PREFIX + "esi.timeout-ms", String.valueOf(esi.timeoutMillis()));
        m.put(PREFIX + "esi.error-status", String.valueOf(esi.errorStatus()));
        m.put(PREFIX + "esi.allowed-hosts", String.join(",", new java.util.TreeSet<>(esi.allowedHosts())));
        m.put(PREFIX + "rules", String.join(",", rules.rules().stream().map(CacheRule::name).toList()));
        m.put(PREFIX + "fast-path", String.valueOf(fastPath));
        return m;
    }
}
