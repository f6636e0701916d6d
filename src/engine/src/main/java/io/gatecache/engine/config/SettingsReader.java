package io.gatecache.engine.config;

import static io.gatecache.engine.config.Keys.*;

import io.gatecache.core.CacheOptions;
import io.gatecache.core.downstream.PurgeCalls;
import io.gatecache.core.downstream.PurgeServerKind;
import io.gatecache.core.downstream.TagField;
import io.gatecache.core.purge.TrustedCallers;
import io.gatecache.core.rules.CacheRule;
import io.gatecache.core.rules.RuleSet;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.engine.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Builds the {@link Settings} from a source, each key read by its one definition in {@link Keys}. */
public final class SettingsReader {

    private static final String STORE_PREFIX = STORE.name() + ".";
    /**
     * The properties the shipped store configurations read themselves (the clustered ones name
     * their cluster {@code ${gatecache.cluster.name:gatecache}}), not a key of these settings.
     */
    private static final Set<String> READ_BY_THE_STORE_CONFIGURATIONS = Set.of("gatecache.cluster.name");
    private static final String RULE_PREFIX = "gatecache.rule.";

    private SettingsReader() {
    }

    /**
     * The settings a source gives.
     *
     * @throws InvalidSetting when a value is not one its key allows, naming the key, the value and what is allowed
     * @throws IllegalArgumentException when a rule named in {@code gatecache.rules} is missing or malformed
     */
    public static Settings read(Source s) {
        CacheOptions options = new CacheOptions(DEFAULT_TTL.read(s), PRIVATE_HEADERS.read(s), ALLOW_RELOAD.read(s),
                ALLOW_REVALIDATE.read(s), STALE_WHILE_REVALIDATE.read(s), STALE_IF_ERROR.read(s), KEEP.read(s),
                HEURISTIC_FRESHNESS.read(s), DEFAULT_CACHE_CONTROL.read(s), MAX_ENTRY_BYTES.read(s),
                TARGETED_FIELDS.read(s));
        Map<String, String> storeSettings = storeSettings(s);
        return new Settings(ENABLED.read(s), DEBUG.read(s), FAST_PATH.read(s), options,
                new Settings.StatusFields(STATUS_HEADER.read(s), CACHE_STATUS_NAME.read(s), TRACE_HEADER.read(s)),
                COALESCING_TIMEOUT_MS.read(s), REFRESH_TIMEOUT_MS.read(s),
                new Settings.Store(STORE.read(s), storeSettings, MAX_VARIANTS.read(s), CLUSTER_SECRET.read(s)),
                new Settings.Rules(rules(s), RULES_PROFILE.read(s).equals("cdn"), RULES_DEFAULT_TTL.read(s)),
                new Settings.Gateway(GATEWAY_ORIGIN.read(s).orElse(null), GATEWAY_PREFIX.read(s),
                        GATEWAY_CONNECT_TIMEOUT_MS.read(s), GATEWAY_TIMEOUT_MS.read(s), GATEWAY_MAX_BODY_BYTES.read(s),
                        GATEWAY_STRIP_REQUEST_FIELDS.read(s)),
                HOSTS.read(s), purging(s), esi(s), userContext(s), downstream(s),
                new Settings.Metrics(METRICS_ENABLED.read(s), METRICS_PATH.read(s), METRICS_CACHE_NAME.read(s).orElse(null),
                        TrustedCallers.of(METRICS_TRUSTED_ADDRESSES.read(s), METRICS_TOKEN.read(s).orElse(null))),
                effective(s, storeSettings));
    }

    /**
     * Every key's effective value as the management view shows it, in the order of the
     * definitions, then the store's own settings; a secret (the purge token, the cluster secret)
     * only as set or not.
     */
    private static Map<String, String> effective(Source s, Map<String, String> storeSettings) {
        Map<String, String> effective = new LinkedHashMap<>();
        for (Key<?> key : ALL) {
            String shown = shown(key.read(s));
            effective.put(key.name(), key.secret() && !shown.isEmpty() ? "(set)" : shown);
        }
        storeSettings.forEach((key, value) -> effective.put(STORE_PREFIX + key, value));
        return effective;
    }

    /** A value as the management view shows it: a list comma-separated, a set sorted too, none as empty. */
    private static String shown(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(SettingsReader::shown).orElse("");
        }
        if (value instanceof Set<?> set) {
            return String.join(",", set.stream().map(String::valueOf).sorted().toList());
        }
        if (value instanceof Collection<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /**
     * The {@code gatecache.*} keys a source sets that no definition reads: a rule not named in
     * {@code gatecache.rules}, or a misspelt key. A store's own keys ({@code gatecache.store.*}) are
     * the store's to read, and {@code gatecache.cluster.name} its shipped configurations'.
     */
    public static List<String> unknown(Source s) {
        Set<String> known = new HashSet<>();
        ALL.forEach(k -> known.add(k.name()));
        RULES.read(s).forEach(name -> known.add(RULE_PREFIX + name));
        List<String> unknown = new ArrayList<>();
        for (String name : s.names()) {
            if (name.startsWith(Settings.PREFIX) && !known.contains(name) && !name.startsWith(STORE_PREFIX)
                    && !READ_BY_THE_STORE_CONFIGURATIONS.contains(name)) {
                unknown.add(name);
            }
        }
        unknown.sort(null);
        return unknown;
    }

    /** The store's own settings, {@code gatecache.store.*}: each key below the prefix, to its value. */
    private static Map<String, String> storeSettings(Source s) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : s.names()) {
            if (name.startsWith(STORE_PREFIX) && name.length() > STORE_PREFIX.length()) {
                s.get(name).ifPresent(value -> settings.put(name.substring(STORE_PREFIX.length()), value));
            }
        }
        return Map.copyOf(settings);
    }

    /**
     * The rules named, in order, by {@code gatecache.rules}, each defined by
     * {@code gatecache.rule.<name>}; a missing or malformed definition fails the start.
     */
    private static RuleSet rules(Source s) {
        List<CacheRule> rules = new ArrayList<>();
        for (String name : RULES.read(s)) {
            String definition = s.get(RULE_PREFIX + name).orElseThrow(() -> new IllegalArgumentException(
                    "Gatecache: gatecache.rules names '" + name + "' but " + RULE_PREFIX + name + " is not set"));
            rules.add(CacheRule.parse(name, definition));
        }
        return new RuleSet(rules);
    }

    /** Tags and purging: {@code gatecache.tags.*}, {@code gatecache.purge.*} and the lifespan they outlive. */
    private static Settings.Purging purging(Source s) {
        return new Settings.Purging(TAGS_HEADER.read(s), new ContentTags(TAGS_PREFIX.read(s), TAGS_ALL_TAG.read(s)),
                PURGE_ENABLED.read(s), TrustedCallers.of(PURGE_TRUSTED_ADDRESSES.read(s), PURGE_TOKEN.read(s).orElse(null)),
                PURGE_BANS_PER_MINUTE.read(s), MAX_LIFESPAN.read(s) * 1000);
    }

    /** The context-aware cache: {@code gatecache.user-context.*}. */
    private static Settings.UserContext userContext(Source s) {
        return new Settings.UserContext(USER_CONTEXT_HEADER.read(s), USER_CONTEXT_TTL.read(s) * 1000,
                USER_CONTEXT_ROLES.read(s), USER_CONTEXT_ALWAYS_VARY.read(s),
                TrustedCallers.of(USER_CONTEXT_TRUSTED_PROXIES.read(s), null), USER_CONTEXT_LOOKUP_PATH.read(s));
    }

    /**
     * The proxies and CDNs in front: {@code gatecache.downstream.*} and {@code gatecache.purge.servers.*}.
     * Fastly and Cloudflare need a service (zone) id, and a token; their API's own base URL is
     * used when no server is named.
     */
    private static Settings.Downstream downstream(Source s) {
        PurgeServerKind kind = PURGE_SERVERS_TYPE.read(s);
        List<java.net.URI> servers = PURGE_SERVERS.read(s);
        String token = PURGE_SERVERS_TOKEN.read(s).orElse(null);
        String id = PURGE_SERVERS_SERVICE_ID.read(s).orElse(null);
        if (kind.isApi() && (token == null || id == null)) {
            throw new InvalidSetting(PURGE_SERVERS_TYPE.name(), kind.configName(), "`fastly` and `cloudflare` need "
                    + PURGE_SERVERS_TOKEN.name() + " and " + PURGE_SERVERS_SERVICE_ID.name());
        }
        if (kind.isApi() && servers.isEmpty()) {
            servers = List.of(java.net.URI.create(kind.defaultBaseUrl()));
        }
        return new Settings.Downstream(TagField.of(DOWNSTREAM_TAG_HEADER.read(s), DOWNSTREAM_TAG_HEADER_MAX_LENGTH.read(s)),
                DOWNSTREAM_TAG_HEADER_REDUCED_TTL.read(s), servers,
                new PurgeCalls(kind, PURGE_SERVERS_SOFT.read(s), PURGE_SERVERS_MAX_HEADER_LENGTH.read(s), token, id),
                PURGE_SERVERS_FORWARD_RECEIVED.read(s), PURGE_SERVERS_QUEUE.read(s), PURGE_SERVERS_RETRIES.read(s),
                PURGE_SERVERS_TIMEOUT_MS.read(s));
    }

    /** ESI assembly: {@code gatecache.esi.*}. */
    private static Settings.Esi esi(Source s) {
        return new Settings.Esi(ESI_MAX_DEPTH.read(s), ESI_MAX_INCLUDES.read(s), ESI_MAX_BYTES.read(s),
                ESI_MAX_CONCURRENT_INCLUDES.read(s), ESI_TIMEOUT_MS.read(s), ESI_ERROR_STATUS.read(s), ESI_ALLOWED_HOSTS.read(s));
    }
}
