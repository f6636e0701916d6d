package io.gatecache.payara.grizzly;

import java.util.function.UnaryOperator;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * A Grizzly request as the cache's plain door reads it: a field's values joined with
 * {@code ", "}, and the pseudo-fields its {@code PlainFastPath} names, read as the web container
 * would read them from the same request.
 */
final class GrizzlyRequest implements UnaryOperator<String> {

    private final HttpRequestPacket request;
    private final Connection<?> connection;
    private final boolean constrained;

    GrizzlyRequest(HttpRequestPacket request, Connection<?> connection, boolean constrained) {
        this.request = request;
        this.connection = connection;
        this.constrained = constrained;
    }

    @Override
    public String apply(String name) {
        if (name.isEmpty() || name.charAt(0) != ':') {
            return field(name);
        }
        return switch (name) {
            case ":method" -> request.getMethod().getMethodString();
            case ":path" -> request.getRequestURI();
            case ":query" -> request.getQueryString();
            case ":scheme" -> request.isSecure() ? "https" : "http";
            case ":server-name" -> request.serverName().toString();
            case ":server-port" -> Integer.toString(request.getServerPort());
            case ":local-port" -> Integer.toString(request.getLocalPort());
            case ":hosts" -> Integer.toString(count("Host"));
            case ":connection" -> connection == null ? null : Long.toString(connection.getId());
            case ":constrained" -> constrained ? "true" : null;
            default -> null;
        };
    }

    /** The field's values joined with ", ", or null: one pass over the header table, nothing made for an absent field. */
    private String field(String name) {
        MimeHeaders headers = request.getHeaders();
        String joined = null;
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (headers.getName(i).equalsIgnoreCase(name)) {
                String value = headers.getValue(i).toString();
                joined = joined == null ? value : joined + ", " + value;
            }
        }
        return joined;
    }

    private int count(String name) {
        MimeHeaders headers = request.getHeaders();
        int count = 0;
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (headers.getName(i).equalsIgnoreCase(name)) {
                count++;
            }
        }
        return count;
    }
}
