package io.gatecache.engine.config;

import io.gatecache.core.CacheOptions;
import io.gatecache.core.downstream.PurgeCalls;
import io.gatecache.core.downstream.PurgeServerKind;
import io.gatecache.core.downstream.TagField;
import io.gatecache.core.purge.PurgeLedger;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.core.tags.Tags;
import io.gatecache.engine.Settings;
import io.gatecache.spi.ClusterSecret;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every configuration key, each defined once (see {@link Key}): {@link SettingsReader} builds
 * the {@link Settings} from them, and a test holds the table of docs/configuration.md to them. A store's own
 * keys ({@code gatecache.store.*}, as the Infinispan store's {@code gatecache.store.config}) are
 * the store's.
 */
public final class Keys {

    /** The store unless {@code gatecache.store} names another. */
    public static final String DEFAULT_STORE = "infinispan";

    private Keys() {
    }

    /** Whether the cache stands in front of an origin ({@code gatecache.gateway.origin} is set). */
    static boolean gateway(Source s) {
        return s.get("gatecache.gateway.origin").isPresent();
    }

    public static final Key<Boolean> ENABLED = new Key<>("gatecache.enabled", "`true`",
            "`false`: no store is started and every request goes through untouched",
            "`true` or `false`", Parse::bool, s -> true);

    public static final Key<Boolean> DEBUG = new Key<>("gatecache.debug", "`false`",
            "add the trace header",
            "`true` or `false`", Parse::bool, s -> false);

    public static final Key<Long> DEFAULT_TTL = new Key<>("gatecache.default-ttl", "`0`",
            "seconds a storable response without explicit freshness is fresh (Symfony `default_ttl`)",
            "a whole number of seconds, 0 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 0L), s -> CacheOptions.DEFAULTS.defaultTtl());

    public static final Key<List<String>> PRIVATE_HEADERS = new Key<>("gatecache.private-headers", "`Authorization,Cookie`",
            "comma-separated request fields that keep a response out of the store unless it is `public` or has `s-maxage` (`private_headers`)",
            "a comma-separated list", Parse::list, s -> CacheOptions.DEFAULTS.privateHeaders());

    public static final Key<Boolean> ALLOW_RELOAD = new Key<>("gatecache.allow-reload", "`false` (`true` in gateway mode)",
            "honour a request's `no-cache` by revalidating (`allow_reload`)",
            "`true` or `false`", Parse::bool, s -> gateway(s) || CacheOptions.DEFAULTS.allowReload());

    public static final Key<Boolean> ALLOW_REVALIDATE = new Key<>("gatecache.allow-revalidate", "`false` (`true` in gateway mode)",
            "honour a request's `max-age` and `min-fresh` (`allow_revalidate`)",
            "`true` or `false`", Parse::bool, s -> gateway(s) || CacheOptions.DEFAULTS.allowRevalidate());

    public static final Key<Long> STALE_WHILE_REVALIDATE = new Key<>("gatecache.stale-while-revalidate", "`2` (`0` in gateway mode)",
            "default stale-while-revalidate window, seconds; the response's directive wins",
            "a whole number of seconds, 0 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 0L), s -> gateway(s) ? 0L : CacheOptions.DEFAULTS.staleWhileRevalidate());

    public static final Key<Long> STALE_IF_ERROR = new Key<>("gatecache.stale-if-error", "`60` (`0` in gateway mode)",
            "default stale-if-error window, seconds; the response's directive wins",
            "a whole number of seconds, 0 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 0L), s -> gateway(s) ? 0L : CacheOptions.DEFAULTS.staleIfError());

    public static final Key<Long> KEEP = new Key<>("gatecache.keep", "`3600`",
            "seconds an entry with a validator is kept after its stale windows, for revalidation",
            "a whole number of seconds, 0 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 0L), s -> CacheOptions.DEFAULTS.keep());

    public static final Key<Boolean> HEURISTIC_FRESHNESS = new Key<>("gatecache.heuristic-freshness", "`false` (`true` in gateway mode)",
            "allow heuristic freshness (RFC 9111 §4.2.2: 10% of the time since Last-Modified, at most a day)",
            "`true` or `false`", Parse::bool, Keys::gateway);

    public static final Key<Boolean> DEFAULT_CACHE_CONTROL = new Key<>("gatecache.default-cache-control", "`true`",
            "give responses without `Cache-Control` Symfony's conservative default",
            "`true` or `false`", Parse::bool, s -> CacheOptions.DEFAULTS.defaultCacheControl());

    public static final Key<Long> MAX_ENTRY_BYTES = new Key<>("gatecache.max-entry-bytes", "`1048576`",
            "largest body stored; larger ones are sent, not stored",
            "a whole number of bytes, 0 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 0L), s -> CacheOptions.DEFAULTS.maxEntryBytes());

    public static final Key<List<String>> TARGETED_FIELDS = new Key<>("gatecache.targeted-fields", "(none; `CDN-Cache-Control` in gateway mode)",
            "RFC 9213 targeted cache-control fields obeyed instead of `Cache-Control` / `Expires`, in precedence order",
            "a comma-separated list", Parse::list, s -> gateway(s) ? List.of("CDN-Cache-Control") : List.<String>of());

    public static final Key<String> STATUS_HEADER = new Key<>("gatecache.status-header", "`X-Cache`",
            "name of the status header",
            "a header field name", Parse::fieldName, s -> "X-Cache");

    public static final Key<String> CACHE_STATUS_NAME = new Key<>("gatecache.cache-status-name", "`gatecache`",
            "the cache's name in `Cache-Status`",
            "a token (letters, digits and !#$%&'*+.^_`|~-)", Parse::token, s -> "gatecache");

    public static final Key<String> TRACE_HEADER = new Key<>("gatecache.trace-header", "`X-Gatecache-Trace`",
            "name of the debug trace header",
            "a header field name", Parse::fieldName, s -> "X-Gatecache-Trace");

    public static final Key<Long> COALESCING_TIMEOUT_MS = new Key<>("gatecache.coalescing-timeout-ms", "`10000`",
            "how long a coalesced request waits for the first one",
            "a whole number of milliseconds, 0 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 0L), s -> 10_000L);

    public static final Key<Long> REFRESH_TIMEOUT_MS = new Key<>("gatecache.refresh-timeout-ms", "`30000`",
            "how long a background refresh may take to answer (it connects within `gatecache.gateway.connect-timeout-ms`)",
            "a whole number of milliseconds, 1 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 1L), s -> 30_000L);

    public static final Key<Boolean> FAST_PATH = new Key<>("gatecache.fast-path", "`true`",
            "answer fresh hits below the web container: on WildFly in an Undertow handler before the servlet chain, on Payara in the valve where it is turned on (see \"The front door on Undertow\" and \"The front door on Payara\"); `false`: every request of the application goes through the servlet chain",
            "`true` or `false`", Parse::bool, s -> true);

    public static final Key<String> STORE = new Key<>("gatecache.store", "`infinispan`",
            "the kind of store: `infinispan`, or `memory` (this JVM's memory, one node, nothing shared); another kind is a jar with an `io.gatecache.spi.ResponseStoreProvider` (found with `ServiceLoader`); a name not found stops the deployment, naming those that are",
            "the name of a store on the class path", Parse::token, s -> DEFAULT_STORE);

    public static final Key<Optional<ClusterSecret>> CLUSTER_SECRET = new Key<>("gatecache.cluster.secret", "(none)",
            "with a clustered store, the secret its members share (the same on every node, e.g. made by `openssl rand -base64 32`): every message between them is encrypted and authenticated with a key derived from it, so a process without it cannot join; never shown. Without it, a clustered store logs a warning at start (see \"Clustering\")",
            "text of " + ClusterSecret.MIN_LENGTH + " characters or more", v -> Optional.of(ClusterSecret.of(v)),
            s -> Optional.<ClusterSecret>empty(), true);

    public static final Key<Integer> MAX_VARIANTS = new Key<>("gatecache.max-variants", "`16`",
            "variants kept per URI",
            "a whole number, 1 or more", v -> (int) Parse.atLeast(Parse.wholeNumber(v), 1L), s -> 16);

    public static final Key<Set<String>> HOSTS = new Key<>("gatecache.hosts", "this machine's name and addresses",
            "comma-separated host names whose responses may be stored (`*`: any), compared in one spelling (case, brackets, trailing dot, IPv6 form; a port given with a name is ignored); loopback names are always in. Requests for other hosts, or for a served host on a port other than the default or the one the request came in on, are served but never stored (`BYPASS`, `detail=\"foreign host\"`; each such origin is logged once, for the first 16). Behind a load balancer or a DNS name, list the names clients use",
            "a comma-separated list of host names, or *", HostNames::configured, s -> HostNames.ofThisMachine());

    public static final Key<Optional<String>> GATEWAY_ORIGIN = new Key<>("gatecache.gateway.origin", "(none)",
            "gateway mode: the origin's base URL, e.g. `http://127.0.0.1:9000`",
            "an http or https URL", Optional::of, s -> Optional.<String>empty());

    public static final Key<String> GATEWAY_PREFIX = new Key<>("gatecache.gateway.prefix", "`/`",
            "the application path the gateway serves (taken off before forwarding)",
            "any text", v -> v, s -> "/");

    public static final Key<Long> GATEWAY_CONNECT_TIMEOUT_MS = new Key<>("gatecache.gateway.connect-timeout-ms", "`5000`",
            "connect timeout of the one origin client (to the gateway's origin, and of background refreshes)",
            "a whole number of milliseconds, 1 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 1L), s -> 5_000L);

    public static final Key<Long> GATEWAY_TIMEOUT_MS = new Key<>("gatecache.gateway.timeout-ms", "`30000`",
            "time the origin has to answer; then 504",
            "a whole number of milliseconds, 1 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 1L), s -> 30_000L);

    public static final Key<Long> GATEWAY_MAX_BODY_BYTES = new Key<>("gatecache.gateway.max-body-bytes", "`67108864`",
            "the largest origin body forwarded (64 MiB); larger is a 502 (a larger request body a 413)",
            "a whole number of bytes, 0 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 0L), s -> 64L * 1024 * 1024);

    public static final Key<List<String>> GATEWAY_STRIP_REQUEST_FIELDS = new Key<>("gatecache.gateway.strip-request-fields", "(none)",
            "comma-separated request fields never forwarded to the origin, besides the default list (see Security)",
            "a comma-separated list", Parse::list, s -> List.<String>of());

    public static final Key<Long> MAX_LIFESPAN = new Key<>("gatecache.max-lifespan", "`86400`",
            "seconds an entry is kept at most, from its request's start, whatever its headers say; purge records are kept as long (plus 10 minutes)",
            "a whole number of seconds, 1 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 1L), s -> PurgeLedger.DEFAULT_RETENTION_MILLIS / 1000);

    public static final Key<String> TAGS_HEADER = new Key<>("gatecache.tags.header", "`X-Cache-Tags`",
            "the response field tags are read from (`xkey` and `Surrogate-Key` are read too) and the field `PURGETAGS` reads; removed before a client sees it (`gatecache.downstream.tag-header` sends tags on in a field of its own)",
            "a header field name", Parse::fieldName, s -> Tags.DEFAULT_HEADER);

    public static final Key<String> TAGS_PREFIX = new Key<>("gatecache.tags.prefix", "(none)",
            "repository prefix of every tag of the content scheme (`1` makes `1c55`)",
            "any text", v -> v, s -> "");

    public static final Key<String> TAGS_ALL_TAG = new Key<>("gatecache.tags.all-tag", "`all`",
            "the tag every page tagged by the content scheme carries",
            "any text", v -> v, s -> ContentTags.DEFAULT_ALL_TAG);

    public static final Key<Boolean> PURGE_ENABLED = new Key<>("gatecache.purge.enabled", "`true`",
            "answer `PURGE`, `PURGETAGS`, `PURGEKEYS`, `BAN`; `false`: they get `405` (never forwarded either way)",
            "`true` or `false`", Parse::bool, s -> true);

    public static final Key<String> PURGE_TRUSTED_ADDRESSES = new Key<>("gatecache.purge.trusted-addresses", "(none)",
            "CIDR list of the connection addresses that may purge (`127.0.0.0/8,::1`: this host, when no proxy runs on it; none: only the token)",
            "a comma-separated list of addresses and CIDR blocks, or nothing", Parse::addresses, s -> "");

    public static final Key<Optional<String>> PURGE_TOKEN = new Key<>("gatecache.purge.token", "(none)",
            "a caller sending `Authorization: Bearer <token>` may purge from any address",
            "any text", v -> v.isEmpty() ? Optional.<String>empty() : Optional.of(v), s -> Optional.<String>empty(), true);

    public static final Key<Integer> PURGE_BANS_PER_MINUTE = new Key<>("gatecache.purge.bans-per-minute", "`60`",
            "the `BAN`s one caller (connection address) may make in a minute, and at once; more get `429`",
            "a whole number, 1 or more", v -> (int) Parse.atLeast(Parse.wholeNumber(v), 1L),
            s -> Settings.Purging.DEFAULT_BANS_PER_MINUTE);

    public static final Key<String> DOWNSTREAM_TAG_HEADER = new Key<>("gatecache.downstream.tag-header", "`none`",
            "the field a response's tags go to the proxy or CDN in front in: `none` (removed, as they are here), `X-Cache-Tags` or `Cache-Tag` (comma-separated), `xkey` or `Surrogate-Key` (space-separated)",
            "`none`, `X-Cache-Tags`, `xkey`, `Surrogate-Key` or `Cache-Tag`",
            v -> TagField.of(v, 0).on() ? TagField.of(v, 0).name() : "none", s -> "none");

    public static final Key<Integer> DOWNSTREAM_TAG_HEADER_MAX_LENGTH = new Key<>("gatecache.downstream.tag-header.max-length", "`0`",
            "the longest tag field sent downstream, in bytes (0: no limit); a longer one is cut at a tag boundary, the shared max-age lowered to the reduced TTL, and a warning logged",
            "a whole number of bytes, 0 or more", v -> (int) Parse.between(Parse.wholeNumber(v), 0, Integer.MAX_VALUE), s -> 0);

    public static final Key<Long> DOWNSTREAM_TAG_HEADER_REDUCED_TTL = new Key<>("gatecache.downstream.tag-header.reduced-ttl", "`300`",
            "seconds: the `s-maxage` downstream of a response whose tag field was cut",
            "a whole number of seconds, 0 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 0L), s -> 300L);

    public static final Key<List<java.net.URI>> PURGE_SERVERS = new Key<>("gatecache.purge.servers", "(none)",
            "comma-separated URLs of the proxies in front every purge made here goes to too (for `fastly` and `cloudflare`, the API's base URL, by default theirs)",
            "a comma-separated list of http or https URLs", Parse::urls, s -> List.<java.net.URI>of());

    public static final Key<PurgeServerKind> PURGE_SERVERS_TYPE = new Key<>("gatecache.purge.servers.type", "`varnish-xkey`",
            "how purges are put to them: `varnish-xkey`, `varnish-ban`, `http`, `fastly` or `cloudflare` (see Downstream proxies and CDNs)",
            "`varnish-xkey`, `varnish-ban`, `http`, `fastly` or `cloudflare`",
            PurgeServerKind::named,
            s -> PurgeServerKind.VARNISH_XKEY);

    public static final Key<Boolean> PURGE_SERVERS_SOFT = new Key<>("gatecache.purge.servers.soft", "`true`",
            "tags are purged softly where the kind can (`xkey-softpurge`, `Fastly-Soft-Purge: 1`); `false`: hard",
            "`true` or `false`", Parse::bool, s -> true);

    public static final Key<Boolean> PURGE_SERVERS_FORWARD_RECEIVED = new Key<>("gatecache.purge.servers.forward-received", "`false`",
            "a purge received over HTTP goes to the servers too (every purge made here, by a commit, the API or JMX, always does)",
            "`true` or `false`", Parse::bool, s -> false);

    public static final Key<Integer> PURGE_SERVERS_MAX_HEADER_LENGTH = new Key<>("gatecache.purge.servers.max-header-length", "`7500`",
            "the longest field of a purge request; more tags are split over several requests",
            "a whole number, 300 or more", v -> (int) Parse.between(Parse.wholeNumber(v), 300, Integer.MAX_VALUE),
            s -> PurgeCalls.DEFAULT_MAX_FIELD_LENGTH);

    public static final Key<Optional<String>> PURGE_SERVERS_TOKEN = new Key<>("gatecache.purge.servers.token", "(none)",
            "the API token of `fastly` (`Fastly-Key`) or `cloudflare` (`Authorization: Bearer`); for `http`, sent as `Authorization: Bearer` (another Gatecache's `gatecache.purge.token`)",
            "any text", v -> v.isEmpty() ? Optional.<String>empty() : Optional.of(v), s -> Optional.<String>empty(), true);

    public static final Key<Optional<String>> PURGE_SERVERS_SERVICE_ID = new Key<>("gatecache.purge.servers.service-id", "(none)",
            "Fastly's service id, or Cloudflare's zone id",
            "letters, digits, `-` and `_`", v -> Optional.of(Parse.identifier(v)), s -> Optional.<String>empty());

    public static final Key<Integer> PURGE_SERVERS_QUEUE = new Key<>("gatecache.purge.servers.queue", "`10000`",
            "the most purges waiting for one server; past it they are dropped, and one purge of everything replaces them",
            "a whole number, 1 or more", v -> (int) Parse.between(Parse.wholeNumber(v), 1, 1_000_000), s -> 10_000);

    public static final Key<Integer> PURGE_SERVERS_RETRIES = new Key<>("gatecache.purge.servers.retries", "`3`",
            "how many times a failed purge request is sent again (after 0.1, 0.2, 0.4 s...; at most 10 s apart) before it is counted as failed and a purge of everything replaces it",
            "a whole number, 0 to 10", v -> (int) Parse.between(Parse.wholeNumber(v), 0, 10), s -> 3);

    public static final Key<Long> PURGE_SERVERS_TIMEOUT_MS = new Key<>("gatecache.purge.servers.timeout-ms", "`2000`",
            "how long one purge request may take to be answered (and to connect)",
            "a whole number of milliseconds, 1 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 1L), s -> 2_000L);

    public static final Key<Integer> ESI_MAX_DEPTH = new Key<>("gatecache.esi.max-depth", "`5`",
            "how deep ESI includes may nest",
            "a whole number, 1 or more", v -> (int) Parse.atLeast(Parse.wholeNumber(v), 1L), s -> Settings.Esi.DEFAULTS.maxDepth());

    public static final Key<Integer> ESI_MAX_INCLUDES = new Key<>("gatecache.esi.max-includes", "`100`",
            "the most includes one page may have",
            "a whole number, 1 or more", v -> (int) Parse.atLeast(Parse.wholeNumber(v), 1L), s -> Settings.Esi.DEFAULTS.maxIncludes());

    public static final Key<Long> ESI_MAX_BYTES = new Key<>("gatecache.esi.max-bytes", "`10485760`",
            "the most one ESI page holds while it is assembled (its text and fragments, counted as they arrive): the largest assembled page",
            "a whole number of bytes, 1 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 1L), s -> Settings.Esi.DEFAULTS.maxBytes());

    public static final Key<Integer> ESI_MAX_CONCURRENT_INCLUDES = new Key<>("gatecache.esi.max-concurrent-includes", "`10`",
            "how many fragments of one page are fetched at once (the others wait their turn)",
            "a whole number, 1 or more", v -> (int) Parse.atLeast(Parse.wholeNumber(v), 1L), s -> Settings.Esi.DEFAULTS.maxConcurrentIncludes());

    public static final Key<Long> ESI_TIMEOUT_MS = new Key<>("gatecache.esi.timeout-ms", "`10000`",
            "how long a page waits for its fragments",
            "a whole number of milliseconds, 1 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 1L), s -> Settings.Esi.DEFAULTS.timeoutMillis());

    public static final Key<Integer> ESI_ERROR_STATUS = new Key<>("gatecache.esi.error-status", "`502`",
            "the status of a page whose include failed (no `onerror=\"continue\"`, no working `alt`); 500 to 599",
            "a server error status, 500 to 599", v -> (int) Parse.between(Parse.wholeNumber(v), 500, 599), s -> Settings.Esi.DEFAULTS.errorStatus());

    public static final Key<Set<String>> ESI_ALLOWED_HOSTS = new Key<>("gatecache.esi.allowed-hosts", "(none)",
            "hosts other than the page's own that includes may name (fetched as they are, not stored)",
            "a comma-separated list of host names", HostNames::normalised, s -> Set.<String>of());

    public static final Key<String> USER_CONTEXT_HEADER = new Key<>("gatecache.user-context.header", "`X-User-Hash`",
            "the request field that carries the user context hash, which responses vary on to be shared by users with the same rights",
            "a header field name", Parse::fieldName, s -> io.gatecache.core.StoragePolicy.CONTEXT_FIELD);

    public static final Key<Long> USER_CONTEXT_TTL = new Key<>("gatecache.user-context.ttl", "`600`",
            "seconds a session's (or credentials') context hash is kept before it is worked out again",
            "a whole number of seconds, 1 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 1L), s -> 600L);

    public static final Key<List<String>> USER_CONTEXT_ROLES = new Key<>("gatecache.user-context.roles", "(none)",
            "roles the built-in provider puts in the context, besides those the application declares (`@DeclareRoles`, `web.xml` security roles)",
            "a comma-separated list", Parse::list, s -> List.<String>of());

    public static final Key<Boolean> USER_CONTEXT_ALWAYS_VARY = new Key<>("gatecache.user-context.always-vary", "`false`",
            "every response stored varies on the user context hash, as if it said so",
            "`true` or `false`", Parse::bool, s -> false);

    public static final Key<String> USER_CONTEXT_TRUSTED_PROXIES = new Key<>("gatecache.user-context.trusted-proxies", "(none)",
            "CIDR list of the proxies (a Varnish in front) whose requests may carry the hash field, used as given; from anyone else it is refused with 400",
            "a comma-separated list of addresses and CIDR blocks, or nothing", Parse::addresses, s -> "");

    public static final Key<String> USER_CONTEXT_LOOKUP_PATH = new Key<>("gatecache.user-context.lookup-path", "`/_fos_user_context_hash`",
            "the path, under the application's, of the hash lookup a proxy in front makes (FOSHttpCache's)",
            "a path starting with /", Parse::path, s -> "/_fos_user_context_hash");

    public static final Key<List<String>> RULES = new Key<>("gatecache.rules", "(none)",
            "the cache rules' names, in order of definition (see Cache rules)",
            "a comma-separated list", Parse::list, s -> List.<String>of());

    public static final Key<String> RULES_PROFILE = new Key<>("gatecache.rules.profile", "`strict`",
            "`strict`: unmatched requests follow RFC 9111 alone; `cdn`: they are judged like a rule match, by a default rule",
            "`strict` or `cdn`", v -> Parse.oneOf(v, "strict", "cdn"), s -> "strict");

    public static final Key<Long> RULES_DEFAULT_TTL = new Key<>("gatecache.rules.default-ttl", "`0`",
            "the TTL of the `cdn` profile's default rule (follow-else-default)",
            "a whole number of seconds, 0 or more", v -> Parse.atLeast(Parse.wholeNumber(v), 0L), s -> 0L);

    public static final Key<Boolean> METRICS_ENABLED = new Key<>("gatecache.metrics.enabled", "`true`",
            "count and time requests, and serve the metrics at `gatecache.metrics.path`; `false`: no timing, and no metrics URL (JMX still counts)",
            "`true` or `false`", Parse::bool, s -> true);

    public static final Key<String> METRICS_PATH = new Key<>("gatecache.metrics.path", "`/gatecache/metrics`",
            "the path, under the application's, of the metrics in Prometheus's text format",
            "a path starting with /, neither / nor ending with /, without *", Parse::exactPath, s -> "/gatecache/metrics");

    public static final Key<Optional<String>> METRICS_CACHE_NAME = new Key<>("gatecache.metrics.cache-name",
            "the context path (`/` for the root application)",
            "the `cache` label of every metric: the name of this application's cache on dashboards",
            "any text", v -> v.isEmpty() ? Optional.<String>empty() : Optional.of(v), s -> Optional.<String>empty());

    public static final Key<String> METRICS_TRUSTED_ADDRESSES = new Key<>("gatecache.metrics.trusted-addresses", "(none)",
            "CIDR list of the connection addresses that may read the metrics (`127.0.0.0/8,::1`: a Prometheus on this host); none: only the token",
            "a comma-separated list of addresses and CIDR blocks, or nothing", Parse::addresses, s -> "");

    public static final Key<Optional<String>> METRICS_TOKEN = new Key<>("gatecache.metrics.token", "(none)",
            "a scraper sending `Authorization: Bearer <token>` may read the metrics from any address",
            "any text", v -> v.isEmpty() ? Optional.<String>empty() : Optional.of(v), s -> Optional.<String>empty(), true);

    /**
     * A rule's definition, {@code gatecache.rule.<name>} for each name {@code gatecache.rules}
     * lists: read by {@link SettingsReader}, as its name is not fixed.
     */
    public static final String RULE_PATTERN = "gatecache.rule.<name>";
    /** {@link #RULE_PATTERN}'s default and meaning, as the configuration page's table writes them. */
    public static final List<String> RULE_TEXT = List.of("(none)",
            "a rule's definition: `match=...; mode=...; ttl=...; status=...`");

    /** Every key with a fixed name, in the configuration page's order. */
    public static final List<Key<?>> ALL = List.of(
            ENABLED, DEBUG, DEFAULT_TTL, PRIVATE_HEADERS, ALLOW_RELOAD, ALLOW_REVALIDATE,
            STALE_WHILE_REVALIDATE, STALE_IF_ERROR, KEEP, HEURISTIC_FRESHNESS, DEFAULT_CACHE_CONTROL,
            MAX_ENTRY_BYTES, TARGETED_FIELDS, STATUS_HEADER, CACHE_STATUS_NAME, TRACE_HEADER,
            COALESCING_TIMEOUT_MS, REFRESH_TIMEOUT_MS, FAST_PATH, STORE, CLUSTER_SECRET, MAX_VARIANTS, HOSTS, GATEWAY_ORIGIN,
            GATEWAY_PREFIX, GATEWAY_CONNECT_TIMEOUT_MS, GATEWAY_TIMEOUT_MS, GATEWAY_MAX_BODY_BYTES,
            GATEWAY_STRIP_REQUEST_FIELDS, MAX_LIFESPAN, TAGS_HEADER, TAGS_PREFIX, TAGS_ALL_TAG, PURGE_ENABLED,
            PURGE_TRUSTED_ADDRESSES, PURGE_TOKEN, PURGE_BANS_PER_MINUTE, DOWNSTREAM_TAG_HEADER,
            DOWNSTREAM_TAG_HEADER_MAX_LENGTH, DOWNSTREAM_TAG_HEADER_REDUCED_TTL, PURGE_SERVERS, PURGE_SERVERS_TYPE,
            PURGE_SERVERS_SOFT, PURGE_SERVERS_FORWARD_RECEIVED, PURGE_SERVERS_MAX_HEADER_LENGTH, PURGE_SERVERS_TOKEN,
            PURGE_SERVERS_SERVICE_ID, PURGE_SERVERS_QUEUE, PURGE_SERVERS_RETRIES, PURGE_SERVERS_TIMEOUT_MS, ESI_MAX_DEPTH, ESI_MAX_INCLUDES, ESI_MAX_BYTES,
            ESI_MAX_CONCURRENT_INCLUDES, ESI_TIMEOUT_MS, ESI_ERROR_STATUS, ESI_ALLOWED_HOSTS, USER_CONTEXT_HEADER, USER_CONTEXT_TTL,
            USER_CONTEXT_ROLES, USER_CONTEXT_ALWAYS_VARY, USER_CONTEXT_TRUSTED_PROXIES, USER_CONTEXT_LOOKUP_PATH,
            METRICS_ENABLED, METRICS_PATH, METRICS_CACHE_NAME, METRICS_TRUSTED_ADDRESSES, METRICS_TOKEN,
            RULES, RULES_PROFILE, RULES_DEFAULT_TTL);
}
