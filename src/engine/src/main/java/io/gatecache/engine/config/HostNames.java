package io.gatecache.engine.config;

import io.gatecache.core.CacheKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The host names whose responses may be stored ({@code gatecache.hosts}), in the spelling requests
 * are compared in; loopback names are always in.
 */
final class HostNames {

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

    private HostNames() {
    }

    /** The configured names ({@code *} for any), with the loopback names. */
    static Set<String> configured(String csv) {
        Set<String> hosts = loopback();
        for (String h : Parse.list(csv)) {
            hosts.add(h.equals("*") ? "*" : configuredHost(h));
        }
        return Set.copyOf(hosts);
    }

    /** By default: this machine's name and addresses, with the loopback names. */
    static Set<String> ofThisMachine() {
        Set<String> hosts = loopback();
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

    /** Host names in the normalised spelling (ESI's allowed hosts). */
    static Set<String> normalised(String csv) {
        Set<String> hosts = new HashSet<>();
        Parse.list(csv).forEach(h -> hosts.add(CacheKey.normaliseHost(h)));
        return Set.copyOf(hosts);
    }

    private static Set<String> loopback() {
        Set<String> hosts = new HashSet<>();
        LOOPBACK.forEach(h -> hosts.add(CacheKey.normaliseHost(h)));
        return hosts;
    }

    /**
     * A configured host in the normalised spelling, without a port given with it ({@code name:8080},
     * {@code [::1]:8080}); a bare IPv6 address keeps its colons.
     */
    static String configuredHost(String h) {
        boolean namedPort = h.startsWith("[") || (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':'));
        return namedPort ? CacheKey.host("http://" + h) : CacheKey.normaliseHost(h);
    }
}
