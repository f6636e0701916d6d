package io.gatecache.core.downstream;

import java.util.Locale;

/** The kinds of purge server ({@code gatecache.purge.servers.type}), by what they understand. */
public enum PurgeServerKind {
    /** Varnish with vmod xkey: {@code PURGEKEYS} with {@code xkey-softpurge} or {@code xkey-purge}. */
    VARNISH_XKEY("varnish-xkey", null),
    /** Varnish with FOSHttpCache's ban VCL: {@code BAN} with {@code X-Cache-Tags} as a regular expression. */
    VARNISH_BAN("varnish-ban", null),
    /** Another Gatecache, or a Symfony HttpCache with FOSHttpCache: {@code PURGETAGS} with {@code X-Cache-Tags}. */
    HTTP("http", null),
    /** Fastly's purge API: surrogate keys, 256 a call. */
    FASTLY("fastly", "https://api.fastly.com"),
    /** Cloudflare's purge_cache API: cache tags, 100 a call. */
    CLOUDFLARE("cloudflare", "https://api.cloudflare.com/client/v4");

    private final String configName;
    private final String defaultBaseUrl;

    PurgeServerKind(String configName, String defaultBaseUrl) {
        this.configName = configName;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The name {@code gatecache.purge.servers.type} takes. */
    public String configName() {
        return configName;
    }

    /** The API's base URL when {@code gatecache.purge.servers} names none; null for the kinds that need servers named. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The name {@code gatecache.purge.servers.type} takes. */
    @Override
    public String toString() {
        return configName;
    }

    /** Whether the kind is a service's API, which needs a token and an id. */
    public boolean isApi() {
        return defaultBaseUrl != null;
    }

    /**
     * The kind a configuration names.
     *
     * @throws IllegalArgumentException for a name no kind has
     */
    public static PurgeServerKind named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (PurgeServerKind k : values()) {
            if (k.configName.equals(wanted)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a purge server type: " + name);
    }
}
