package io.gatecache.jakarta.config;

import io.gatecache.core.CacheKey;
import io.gatecache.core.CacheOptions;
import io.gatecache.core.purge.PurgeLedger;
import io.gatecache.core.purge.TrustedCallers;
import io.gatecache.core.rules.CacheRule;
import io.gatecache.core.rules.RuleSet;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.core.tags.Tags;
import io.gatecache.engine.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/** Reads every configuration key, with its default, from MicroProfile Config. */
public final class ConfigReader {

    private static final String PREFIX = Settings.PREFIX;
    /** The store unless {@code gatecache.store} names another. */
    public static final String DEFAULT_STORE = "infinispan";

    private ConfigReader() {
    }

    public static Settings read(Config c) {
        CacheOptions d = CacheOptions.DEFAULTS;
        CacheOptions options = new CacheOptions(
                c.getOptionalValue(PREFIX + "default-ttl", Long.class).orElse(d.defaultTtl()),
                c.getOptionalValue(PREFIX + "private-headers", String.class)
                        .map(ConfigReader::list).orElse(d.privateHeaders()),
                // in front of an origin the client's no-cache, max-age and min-fresh are honoured (RFC 9111 §5.2.1)
                c.getOptionalValue(PREFIX + "allow-reload", Boolean.class).orElse(gateway(c) || d.allowReload()),
                c.getOptionalValue(PREFIX + "allow-revalidate", Boolean.class)
                        .orElse(gateway(c) || d.allowRevalidate()),
                // in gateway mode stale answers need the origin's permission (RFC 9111 §4.2.4): no default windows
                c.getOptionalValue(PREFIX + "stale-while-revalidate", Long.class)
                        .orElse(gateway(c) ? 0 : d.staleWhileRevalidate()),
                c.getOptionalValue(PREFIX + "stale-if-error", Long.class).orElse(gateway(c) ? 0 : d.staleIfError()),
                c.getOptionalValue(PREFIX + "keep", Long.class).orElse(d.keep()),
                // heuristic freshness is for origins that rely on it: on by default in gateway mode
                c.getOptionalValue(PREFIX + "heuristic-freshness", Boolean.class).orElse(gateway(c)),
                c.getOptionalValue(PREFIX + "default-cache-control", Boolean.class).orElse(d.defaultCacheControl()),
                c.getOptionalValue(PREFIX + "max-entry-bytes", Long.class).orElse(d.maxEntryBytes()),
                // RFC 9213: in front of an origin this cache acts as a CDN and obeys CDN-Cache-Control
                c.getOptionalValue(PREFIX + "targeted-fields", String.class).map(ConfigReader::list)
                        .orElse(gateway(c) ? List.of("CDN-Cache-Control") : List.of()));
        return new Settings(
                c.getOptionalValue(PREFIX + "enabled", Boolean.class).orElse(true),
                c.getOptionalValue(PREFIX + "debug", Boolean.class).orElse(false),
                options,
                c.getOptionalValue(PREFIX + "status-header", String.class).orElse("X-Cache"),
                c.getOptionalValue(PREFIX + "cache-status-name", String.class).orElse("gatecache"),
                c.getOptionalValue(PREFIX + "trace-header", String.class).orElse("X-Gatecache-Trace"),
                c.getOptionalValue(PREFIX + "coalescing-timeout-ms", Long.class).orElse(10_000L),
                c.getOptionalValue(PREFIX + "refresh-timeout-ms", Long.class).orElse(30_000L),
                c.getOptionalValue(PREFIX + "store", String.class).map(String::trim).orElse(DEFAULT_STORE),
                storeSettings(c),
                c.getOptionalValue(PREFIX + "max-variants", Integer.class).orElse(16),
                rules(c),
                profile(c),
                c.getOptionalValue(PREFIX + "rules.default-ttl", Long.class).orElse(0L),
                c.getOptionalValue(PREFIX + "gateway.origin", String.class).orElse(null),
                c.getOptionalValue(PREFIX + "gateway.prefix", String.class).orElse("/"),
                c.getOptionalValue(PREFIX + "gateway.connect-timeout-ms", Long.class).orElse(5_000L),
                c.getOptionalValue(PREFIX + "gateway.timeout-ms", Long.class).orElse(30_000L),
                c.getOptionalValue(PREFIX + "gateway.max-body-bytes", Long.class).orElse(64L * 1024 * 1024),
                c.getOptionalValue(PREFIX + "gateway.strip-request-fields", String.class).map(ConfigReader::list)
                        .orElse(List.of()),
                hosts(c),
                purging(c),
                esi(c),
                c.getOptionalValue(PREFIX + "fast-path", Boolean.class).orElse(true));
    }

    /** The store's own settings, {@code gatecache.store.*}: each key below the prefix, to its value. */
    private static Map<String, String> storeSettings(Config c) {
        String prefix = PREFIX + "store.";
        Map<String, String> settings = new TreeMap<>();
        for (String name : c.getPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                c.getOptionalValue(name, String.class)
                        .ifPresent(value -> settings.put(name.substring(prefix.length()), value));
            }
        }
        return Map.copyOf(settings);
    }

    /** ESI assembly: {@code gatecache.esi.*}. */
    private static Settings.Esi esi(Config c) {
        Settings.Esi d = Settings.Esi.DEFAULTS;
        int status = c.getOptionalValue(PREFIX + "esi.error-status", Integer.class).orElse(d.errorStatus());
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("Gatecache: gatecache.esi.error-status is " + status
                    + "; a page that could not be assembled is a server error, 500 to 599");
        }
        Set<String> hosts = new HashSet<>();
        c.getOptionalValue(PREFIX + "esi.allowed-hosts", String.class).map(ConfigReader::list).orElse(List.of())
                .forEach(h -> hosts.add(CacheKey.normaliseHost(h)));
        return new Settings.Esi(
                Math.max(1, c.getOptionalValue(PREFIX + "esi.max-depth", Integer.class).orElse(d.maxDepth())),
                Math.max(1, c.getOptionalValue(PREFIX + "esi.max-includes", Integer.class).orElse(d.maxIncludes())),
                Math.max(1, c.getOptionalValue(PREFIX + "esi.max-bytes", Long.class).orElse(d.maxBytes())),
                Math.max(1, c.getOptionalValue(PREFIX + "esi.timeout-ms", Long.class).orElse(d.timeoutMillis())),
                status, Set.copyOf(hosts));
    }

    /** Tags and purging: {@code gatecache.tags.*} and {@code gatecache.purge.*}. */
    private static Settings.Purging purging(Config c) {
        String header = c.getOptionalValue(PREFIX + "tags.header", String.class).map(String::trim)
                .orElse(Tags.DEFAULT_HEADER);
        if (!header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("Gatecache: gatecache.tags.header is '" + header
                    + "', which is not a header field name");
        }
        ContentTags scheme = new ContentTags(c.getOptionalValue(PREFIX + "tags.prefix", String.class).orElse(""),
                c.getOptionalValue(PREFIX + "tags.all-tag", String.class).orElse(ContentTags.DEFAULT_ALL_TAG));
        String trusted = c.getOptionalValue(PREFIX + "purge.trusted-addresses", String.class)
                .orElse(TrustedCallers.DEFAULT_ADDRESSES);
        String token = c.getOptionalValue(PREFIX + "purge.token", String.class).orElse(null);
        TrustedCallers callers;
        try {
            callers = TrustedCallers.of(trusted, token);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Gatecache: gatecache.purge.trusted-addresses: " + e.getMessage(), e);
        }
        long maxLifespan = c.getOptionalValue(PREFIX + "max-lifespan", Long.class)
                .orElse(PurgeLedger.DEFAULT_RETENTION_MILLIS / 1000);
        if (maxLifespan < 1) {
            throw new IllegalArgumentException("Gatecache: gatecache.max-lifespan is " + maxLifespan
                    + "; it is the longest an entry is kept, in seconds, at least 1");
        }
        return new Settings.Purging(header, scheme,
                c.getOptionalValue(PREFIX + "purge.enabled", Boolean.class).orElse(true), trusted, callers,
                token != null && !token.isBlank(), maxLifespan * 1000);
    }

    /**
     * The rules named, in order, by {@code gatecache.rules}, each defined by
     * {@code gatecache.rule.<name>}; a missing or malformed definition fails the start.
     */
    private static RuleSet rules(Config c) {
        List<CacheRule> rules = new java.util.ArrayList<>();
        for (String name : c.getOptionalValue(PREFIX + "rules", String.class).map(ConfigReader::list).orElse(List.of())) {
            String definition = c.getOptionalValue(PREFIX + "rule." + name, String.class).orElseThrow(
                    () -> new IllegalArgumentException("Gatecache: gatecache.rules names '" + name
                            + "' but gatecache.rule." + name + " is not set"));
            rules.add(CacheRule.parse(name, definition));
        }
        return new RuleSet(rules);
    }

    private static boolean profile(Config c) {
        String p = c.getOptionalValue(PREFIX + "rules.profile", String.class).orElse("strict").trim();
        if (!p.equals("strict") && !p.equals("cdn")) {
            throw new IllegalArgumentException("Gatecache: gatecache.rules.profile is '" + p
                    + "'; use strict (RFC 9111 only where no rule matches) or cdn");
        }
        return p.equals("cdn");
    }

    /**
     * The host names whose responses may be stored ({@code gatecache.hosts}, {@code *} for any);
     * by default this machine's name and addresses. Loopback names are always in.
     */
    private static Set<String> hosts(Config c) {
        Set<String> hosts = new HashSet<>();
        for (String loopback : List.of("localhost", "127.0.0.1", "::1")) {
            hosts.add(CacheKey.normaliseHost(loopback));
        }
        Optional<String> configured = c.getOptionalValue(PREFIX + "hosts", String.class);
        if (configured.isPresent()) {
            for (String h : list(configured.get())) {
                hosts.add(h.equals("*") ? "*" : configuredHost(h));
            }
            return Set.copyOf(hosts);
        }
        try {
            hosts.add(CacheKey.normaliseHost(InetAddress.getLocalHost().getHostName()));
        } catch (IOException e) {
            // no name for this machine: its addresses still count
        }
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    hosts.add(CacheKey.normaliseHost(a.getHostAddress()));
                }
            }
        } catch (IOException e) {
            // loopback only
        }
        return Set.copyOf(hosts);
    }

    /**
     * A configured host in the normalised spelling, without a port given with it ({@code name:8080},
     * {@code [::1]:8080}); a bare IPv6 address keeps its colons.
     */
    static String configuredHost(String h) {
        boolean namedPort = h.startsWith("[") || (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':'));
        return namedPort ? CacheKey.host("http://" + h) : CacheKey.normaliseHost(h);
    }

    private static boolean gateway(Config c) {
        return c.getOptionalValue(PREFIX + "gateway.origin", String.class).isPresent();
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

}
