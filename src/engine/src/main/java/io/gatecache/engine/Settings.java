package io.gatecache.engine;

import io.gatecache.core.CacheKey;
import io.gatecache.core.CacheOptions;
import io.gatecache.core.downstream.PurgeCalls;
import io.gatecache.core.downstream.PurgeServerKind;
import io.gatecache.core.downstream.TagField;
import io.gatecache.core.purge.PurgeLedger;
import io.gatecache.core.purge.TrustedCallers;
import io.gatecache.core.rules.RuleSet;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.core.tags.Tags;
import io.gatecache.spi.ClusterSecret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting of the cache, read once at start (from MicroProfile Config by the Jakarta
 * integration) by {@code io.gatecache.engine.config.SettingsReader}, each key by its one
 * definition in {@code io.gatecache.engine.config.Keys}; grouped as the parts of the cache that
 * use them.
 *
 * @param fastPath whether a front door below the web container answers fresh hits ({@code gatecache.fast-path})
 * @param coalescingTimeoutMillis how long a miss waits for a concurrent one ({@code gatecache.coalescing-timeout-ms})
 * @param refreshTimeoutMillis how long a background refresh may take ({@code gatecache.refresh-timeout-ms})
 * @param hosts the hosts whose responses are stored ({@code gatecache.hosts}), see {@link #servesHost}
 * @param downstream the proxies and CDNs in front: tags to them, purges to them
 * @param metrics what is timed, and who may read the metrics
 * @param effective every key's effective value, as the management view shows it
 */
public record Settings(
        boolean enabled,
        boolean debug,
        boolean fastPath,
        CacheOptions options,
        StatusFields statusFields,
        long coalescingTimeoutMillis,
        long refreshTimeoutMillis,
        Store store,
        Rules rules,
        Gateway gateway,
        java.util.Set<String> hosts,
        Purging purging,
        Esi esi,
        UserContext userContext,
        Downstream downstream,
        Metrics metrics,
        Map<String, String> effective) {

    public Settings {
        hosts = java.util.Set.copyOf(hosts);
        effective = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(effective));
    }

    /**
     * The metrics.
     *
     * @param enabled whether requests are timed and the metrics served ({@code gatecache.metrics.enabled})
     * @param path the metrics' path under the application's ({@code gatecache.metrics.path})
     * @param cacheName the {@code cache} label ({@code gatecache.metrics.cache-name}), or null for the context path
     * @param trusted who may read them: the networks of {@code gatecache.metrics.trusted-addresses},
     *        or a caller with {@code gatecache.metrics.token}
     */
    public record Metrics(boolean enabled, String path, String cacheName, TrustedCallers trusted) {

        /** The defaults: on, at {@code /gatecache/metrics}, named by the context path, readable by nobody. */
        public static final Metrics DEFAULTS = new Metrics(true, "/gatecache/metrics", null, TrustedCallers.NOBODY);
    }

    /**
     * The fields that say what the cache did.
     *
     * @param statusHeader the field with the outcome, {@code X-Cache} ({@code gatecache.status-header})
     * @param cacheStatusName the cache's name in {@code Cache-Status} ({@code gatecache.cache-status-name})
     * @param traceHeader the debug trace's field ({@code gatecache.trace-header})
     */
    public record StatusFields(String statusHeader, String cacheStatusName, String traceHeader) {
    }

    /**
     * The store.
     *
     * @param name the {@code ResponseStoreProvider} that makes it ({@code gatecache.store})
     * @param settings the store's own settings, {@code gatecache.store.<key>}, by key
     * @param maxVariants how many variants one URL keeps ({@code gatecache.max-variants})
     * @param clusterSecret the secret the members of a clustered store share
     *        ({@code gatecache.cluster.secret}), when set
     */
    public record Store(String name, Map<String, String> settings, int maxVariants,
            Optional<ClusterSecret> clusterSecret) {
        public Store {
            settings = Map.copyOf(settings);
            Objects.requireNonNull(clusterSecret, "clusterSecret");
        }
    }

    /**
     * The cache rules.
     *
     * @param inForce the rules {@code gatecache.rules} names, in order
     * @param cdnProfile whether they follow the CDN profile ({@code gatecache.rules.profile=cdn})
     * @param defaultTtl the time to live of a rule that gives none ({@code gatecache.rules.default-ttl})
     */
    public record Rules(RuleSet inForce, boolean cdnProfile, long defaultTtl) {
    }

    /**
     * Gateway mode.
     *
     * @param origin the origin requests go to ({@code gatecache.gateway.origin}), or null when the
     *        cache is in front of the application only
     * @param prefix the path the gateway serves ({@code gatecache.gateway.prefix})
     * @param connectTimeoutMillis {@code gatecache.gateway.connect-timeout-ms}
     * @param timeoutMillis {@code gatecache.gateway.timeout-ms}
     * @param maxBodyBytes the largest request body passed on ({@code gatecache.gateway.max-body-bytes})
     * @param stripFields request fields not passed on ({@code gatecache.gateway.strip-request-fields})
     */
    public record Gateway(String origin, String prefix, long connectTimeoutMillis, long timeoutMillis,
            long maxBodyBytes, List<String> stripFields) {
        public Gateway {
            stripFields = List.copyOf(stripFields);
        }

        /** The route to the origin, or null when there is none. */
        public GatewayRoute route() {
            return origin == null ? null : new GatewayRoute(origin, prefix);
        }
    }

    /**
     * ESI assembly.
     *
     * @param maxDepth how deep includes may nest ({@code gatecache.esi.max-depth})
     * @param maxIncludes how many includes one page may have ({@code gatecache.esi.max-includes})
     * @param maxBytes the most bytes one page holds while it is assembled, the largest assembled
     *        page ({@code gatecache.esi.max-bytes})
     * @param maxConcurrentIncludes how many fragments of one page are fetched at once
     *        ({@code gatecache.esi.max-concurrent-includes})
     * @param timeoutMillis how long a page waits for its fragments ({@code gatecache.esi.timeout-ms})
     * @param errorStatus the status of a page whose include failed without {@code onerror="continue"}
     *        or a working {@code alt} ({@code gatecache.esi.error-status})
     * @param allowedHosts hosts includes may name besides the page's own ({@code gatecache.esi.allowed-hosts})
     */
    public record Esi(int maxDepth, int maxIncludes, long maxBytes, int maxConcurrentIncludes, long timeoutMillis,
            int errorStatus, java.util.Set<String> allowedHosts) {

        /** The defaults: depth 5, 100 includes, 10 MiB, 10 fetches at once, 10 s, 502, no other host. */
        public static final Esi DEFAULTS = new Esi(5, 100, 10L * 1024 * 1024, 10, 10_000, 502, java.util.Set.of());
    }

    /**
     * The proxies and CDNs in front: the field tags go to them in, and the servers purges go to.
     *
     * @param tagField the tag field ({@code gatecache.downstream.tag-header}, with its
     *        {@code .max-length})
     * @param reducedTtlSeconds the shared max-age of a response whose tag field was cut
     *        ({@code gatecache.downstream.tag-header.reduced-ttl})
     * @param servers the purge servers ({@code gatecache.purge.servers}; an API's default base URL
     *        when none is named for Fastly or Cloudflare and a token is set)
     * @param calls how purges are put to them ({@code gatecache.purge.servers.type}, {@code .soft},
     *        {@code .max-header-length}, {@code .token}, {@code .service-id})
     * @param forwardReceived whether a purge received over HTTP goes to them too
     *        ({@code gatecache.purge.servers.forward-received})
     * @param queue the most purges waiting for one server ({@code gatecache.purge.servers.queue})
     * @param retries how many times a failed send is tried again ({@code gatecache.purge.servers.retries})
     * @param timeoutMillis how long one send may take ({@code gatecache.purge.servers.timeout-ms})
     */
    public record Downstream(TagField tagField, long reducedTtlSeconds, List<java.net.URI> servers, PurgeCalls calls,
            boolean forwardReceived, int queue, int retries, long timeoutMillis) {

        public Downstream {
            servers = List.copyOf(servers);
        }

        /** Nothing in front: tags stay here, purges too. */
        public static final Downstream NONE = new Downstream(TagField.NONE, 300, List.of(),
                new PurgeCalls(PurgeServerKind.VARNISH_XKEY, true, PurgeCalls.DEFAULT_MAX_FIELD_LENGTH, null, null),
                false, 10_000, 3, 2_000);
    }

    /**
     * Tags and purging.
     *
     * @param tagHeader the field tags are read from and purged by ({@code gatecache.tags.header});
     *        {@code X-Cache-Tags}, {@code xkey} and {@code Surrogate-Key} are read too
     * @param contentTags the content tag scheme, with its prefix and all-tag
     * @param enabled whether purge requests are answered ({@code gatecache.purge.enabled}); a 405 when not
     * @param trusted who may purge: the networks of {@code gatecache.purge.trusted-addresses}, or a
     *        caller with {@code gatecache.purge.token}
     * @param bansPerMinute the bans one caller may make over HTTP in a minute
     *        ({@code gatecache.purge.bans-per-minute})
     * @param maxLifespanMillis the longest an entry is kept ({@code gatecache.max-lifespan}); purge
     *        records are kept as long
     */
    public record Purging(String tagHeader, ContentTags contentTags, boolean enabled, TrustedCallers trusted,
            int bansPerMinute, long maxLifespanMillis) {

        /** The bans a caller may make in a minute unless configured otherwise. */
        public static final int DEFAULT_BANS_PER_MINUTE = 60;

        /**
         * The defaults: tags in X-Cache-Tags, no prefix, purging on for nobody (no address, no
         * token), 60 bans a minute per caller, a day.
         */
        public static final Purging DEFAULTS = new Purging(Tags.DEFAULT_HEADER,
                new ContentTags("", ContentTags.DEFAULT_ALL_TAG), true,
                TrustedCallers.NOBODY, DEFAULT_BANS_PER_MINUTE, PurgeLedger.DEFAULT_RETENTION_MILLIS);
    }

    /**
     * Whether responses for a host may be stored: a configured one ({@code gatecache.hosts},
     * normalised by {@link CacheKey#normaliseHost}; {@code *} for any).
     *
     * @param host a host as {@link CacheKey#host} reads it
     */
    /**
     * The context-aware cache.
     *
     * @param field the request field carrying the user context hash
     * @param ttlMillis how long a session's or credentials' hash is kept
     * @param roles roles the built-in provider adds to those the application declares
     * @param alwaysVary whether every response stored varies on the hash
     * @param trustedProxies the proxies whose requests may carry the hash
     * @param lookupPath the hash lookup's path, under the application's
     */
    public record UserContext(String field, long ttlMillis, List<String> roles, boolean alwaysVary,
            TrustedCallers trustedProxies, String lookupPath) {

        public static final UserContext DEFAULTS = new UserContext(io.gatecache.core.StoragePolicy.CONTEXT_FIELD,
                600_000, List.of(), false, TrustedCallers.NOBODY, "/_fos_user_context_hash");

        public UserContext {
            roles = List.copyOf(roles);
        }
    }

    public boolean servesHost(String host) {
        return hosts.contains("*") || hosts.contains(host);
    }

    /** The prefix of every configuration key. */
    public static final String PREFIX = "gatecache.";
}
