package io.gatecache.core;

import java.util.List;
import java.util.Locale;

/**
 * Whether a request's framing and addressing fields are unambiguous, checked before anything is
 * looked up, forwarded or stored, whatever the container's parser made of them. A request that
 * fails is answered 400 and its connection closed (RFC 9112 §6.1: a server may reject a message
 * with both Transfer-Encoding and Content-Length, and must close the connection after it
 * otherwise), so that bytes smuggled behind it never run as a request of their own.
 */
public final class RequestFraming {

    private RequestFraming() {
    }

    /**
     * Why the request must be refused, or null when its framing is sound: Transfer-Encoding with
     * Content-Length; a Transfer-Encoding other than a lone {@code chunked} (RFC 9112 §6.1: chunked
     * must be the final coding, and this cache decodes no other); Content-Length lines that
     * disagree or are not a number (§6.3); more than one Host (RFC 9112 §3.2).
     *
     * @param transferEncodings the request's Transfer-Encoding field lines
     * @param contentLengths its Content-Length field lines
     * @param hosts its Host field lines
     */
    public static String refusal(List<String> transferEncodings, List<String> contentLengths, List<String> hosts) {
        if (hosts.size() > 1) {
            return "more than one Host field";
        }
        if (!transferEncodings.isEmpty()) {
            if (!contentLengths.isEmpty()) {
                return "both Transfer-Encoding and Content-Length";
            }
            if (transferEncodings.size() > 1
                    || !transferEncodings.get(0).trim().toLowerCase(Locale.ROOT).equals("chunked")) {
                return "a Transfer-Encoding other than chunked";
            }
        }
        String length = null;
        for (String line : contentLengths) {
            for (String value : line.split(",", -1)) {
                String v = value.trim();
                if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return "a Content-Length that is not a number";
                }
                if (length != null && !length.equals(v)) {
                    return "Content-Length fields that disagree";
                }
                length = v;
            }
        }
        return null;
    }

    /**
     * Whether the connection closes after this request's response, so that nothing sent behind it
     * on the connection may run as a request of its own: the client asked ({@code Connection:
     * close}, or HTTP/1.0 without {@code keep-alive}, RFC 9112 §9.3 and §9.6), or the request is
     * chunked (the container may have read it otherwise than it was sent: a Content-Length sent
     * with it may be gone before anyone sees it, and the bytes after it are then another request).
     *
     * @param protocol the request line's protocol ({@code HTTP/1.1})
     * @param transferEncodings the request's Transfer-Encoding field lines
     * @param connection its Connection field lines
     */
    public static boolean closesConnection(String protocol, List<String> transferEncodings, List<String> connection) {
        if (!transferEncodings.isEmpty() || hasToken(connection, "close")) {
            return true;
        }
        return "HTTP/1.0".equalsIgnoreCase(protocol) && !hasToken(connection, "keep-alive");
    }

    private static boolean hasToken(List<String> lines, String token) {
        for (String line : lines) {
            for (String element : line.split(",", -1)) {
                if (element.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
