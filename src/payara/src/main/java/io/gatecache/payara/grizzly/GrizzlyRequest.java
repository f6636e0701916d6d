package io.gatecache.payara.grizzly;

import java.util.function.UnaryOperator;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpRequestPacket;

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

    private String field(String name) {
        String joined = null;
        for (String value : request.getHeaders().values(name)) {
            joined = joined == null ? value : joined + ", " + value;
        }
        return joined;
    }

    private int count(String name) {
        int n = 0;
        for (String ignored : request.getHeaders().values(name)) {
            n++;
        }
        return n;
    }
}
