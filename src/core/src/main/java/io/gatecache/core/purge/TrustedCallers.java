package io.gatecache.core.purge;

import io.gatecache.core.HeaderRules;
import io.gatecache.core.RequestFields;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may purge: a caller whose address is in one of the configured networks (CIDR; none by
 * default), or one that sends {@code Authorization: Bearer <token>} with the configured token
 * (none by default). With neither configured, nobody is trusted: the cache cannot tell a caller on
 * this host from a client behind a proxy on this host, which reaches it from loopback too.
 * Addresses are the connection's, never a forwarded field's; and a request that came through a
 * proxy (it carries one of {@link io.gatecache.core.HeaderRules#PROXY_FIELDS}) is not trusted by
 * address at all, only by the token. The token is compared in constant time, and read the same
 * way whatever the server: the scheme {@code Bearer} in any case, then spaces or tabs, then the
 * token.
 */
public final class TrustedCallers {

    private record Network(byte[] address, int bits) {
        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (candidate[full] & mask) == (address[full] & mask);
        }
    }

    /** Trusts nobody: what an unconfigured cache does. */
    public static final TrustedCallers NOBODY = new TrustedCallers(List.of(), null);

    private final List<Network> networks;
    /** The digest of the token, or null for none: digests of equal length compare in constant time. */
    private final byte[] tokenDigest;

    private TrustedCallers(List<Network> networks, String token) {
        this.networks = networks;
        this.tokenDigest = token == null || token.isBlank() ? null : digest(token.trim());
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * @param cidrs a comma-separated list of addresses or CIDR networks ({@code 10.0.0.0/8},
     *        {@code ::1}, {@code fd00::/8}); empty trusts no address
     * @param token the bearer token that also makes a caller trusted, or null/blank for none
     * @throws IllegalArgumentException for an entry that is not an address or network (literal
     *         addresses only: no names are looked up)
     */
    public static TrustedCallers of(String cidrs, String token) {
        List<Network> nets = new ArrayList<>();
        if (cidrs != null) {
            for (String part : cidrs.split(",")) {
                String p = part.trim();
                if (!p.isEmpty()) {
                    nets.add(network(p));
                }
            }
        }
        return new TrustedCallers(List.copyOf(nets), token);
    }

    private static Network network(String spec) {
        int slash = spec.indexOf('/');
        String addr = slash < 0 ? spec : spec.substring(0, slash);
        byte[] bytes = literal(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address or CIDR network: '" + spec + "'");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(spec.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("not a prefix length for " + addr + ": '" + spec + "'");
            }
        }
        return new Network(bytes, bits);
    }

    /** The bytes of a literal IPv4 or IPv6 address, or null when it is not one (no name lookup). */
    static byte[] literal(String address) {
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int scope = a.indexOf('%');
        if (scope >= 0) {
            a = a.substring(0, scope);
        }
        boolean v4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = a.indexOf(':') >= 0 && a.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(a).getAddress();
            if (v4) {
                for (String octet : a.split("\\.")) {
                    if (Integer.parseInt(octet) > 255) {
                        return null;
                    }
                }
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether the caller of a request is trusted: its token, or its connection's address unless
     * the request came through a proxy (it carries one of {@link HeaderRules#PROXY_FIELDS}).
     *
     * @param remoteAddress the connection's peer address (literal)
     * @param fields the request's fields
     */
    public boolean trusts(String remoteAddress, RequestFields fields) {
        boolean proxied = false;
        for (String f : HeaderRules.PROXY_FIELDS) {
            proxied |= fields.get(f) != null;
        }
        return trusts(remoteAddress, fields.get("Authorization"), proxied);
    }

    /**
     * Whether a caller is trusted.
     *
     * @param remoteAddress the connection's peer address (literal)
     * @param authorization the request's Authorization field, or null
     * @param proxied whether the request came through a proxy (see
     *        {@link io.gatecache.core.HeaderRules#PROXY_FIELDS}): then only the token counts
     */
    public boolean trusts(String remoteAddress, String authorization, boolean proxied) {
        if (tokenDigest != null && authorization != null) {
            String presented = bearer(authorization);
            if (presented != null && MessageDigest.isEqual(tokenDigest, digest(presented))) {
                return true;
            }
        }
        byte[] peer = remoteAddress == null || proxied ? null : literal(remoteAddress);
        if (peer == null) {
            return false;
        }
        if (peer.length == 16 && isMappedV4(peer)) {
            byte[] v4 = java.util.Arrays.copyOfRange(peer, 12, 16);
            for (Network n : networks) {
                if (n.contains(v4)) {
                    return true;
                }
            }
        }
        for (Network n : networks) {
            if (n.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The credentials of an {@code Authorization} value in the Bearer scheme (RFC 6750 §2.1,
     * scheme names compare case-insensitively), with the whitespace around them (spaces or tabs)
     * taken off; null for another scheme or none.
     */
    static String bearer(String authorization) {
        String a = authorization.strip();
        int end = 0;
        while (end < a.length() && a.charAt(end) != ' ' && a.charAt(end) != '\t') {
            end++;
        }
        if (end == a.length() || !a.substring(0, end).equalsIgnoreCase("Bearer")) {
            return null;
        }
        String credentials = a.substring(end).strip();
        return credentials.isEmpty() ? null : credentials;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
