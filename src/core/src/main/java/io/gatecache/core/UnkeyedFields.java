package io.gatecache.core;

import java.util.Locale;
import java.util.Set;

/**
 * Request fields that make an origin answer for another URL, path, method, host, scheme or prefix
 * than the one the cache keys: were one forwarded, the answer it shaped would be stored under the
 * key of the clean request and served to everyone who asks for it (web cache poisoning through
 * an unkeyed input). A gateway never forwards them. The list holds the names PortSwigger's Param
 * Miner probes for, in its header word list, that rewrite what is asked; names are compared as
 * {@link #key} reads them, so {@code X_Original_URL} is {@code X-Original-URL}.
 */
public final class UnkeyedFields {

    /** The fields never forwarded, lower case. */
    public static final Set<String> NAMES = Set.of(
            // another URL or path
            "x-original-url", "x-rewrite-url", "x-original-uri", "x-forwarded-uri", "x-forwarded-path",
            "x-http-path-override", "x-http-destinationurl", "x-proxy-url", "proxy-url", "proxy-request-fulluri",
            "base-url", "path-base", "request-uri", "unencoded-url", "orig-path-info", "x-ning-request-uri",
            "x-cf-url", "x-forwarded-prefix",
            // another method
            "x-http-method-override", "x-http-method", "x-method-override", "x-original-http-command",
            // another host or port
            "x-host", "x-host-override", "x-http-host-override", "x-forwarded-server", "x-forwarded-hostname",
            "x-original-host", "x-amzn-remapped-host", "proxy-host", "x-server-name", "x-server-port",
            // another scheme
            "x-forwarded-scheme", "x-forwarded-ssl", "x-forwarded-protocol", "x-forward-proto", "forwarded-proto",
            "x-originally-forwarded-proto", "x-url-scheme", "x-scheme", "x-https", "x-remote-protocol",
            "front-end-https");

    private UnkeyedFields() {
    }

    /**
     * A field name as these rules compare it: lower case, with {@code _} read as {@code -}, since
     * origins behind CGI-style gateways read {@code X_Original_URL} as {@code X-Original-URL}.
     */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
