package io.gatecache.engine.downstream;

import io.gatecache.core.downstream.OutboundRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Sends purge requests with the JDK's HTTP client, each bounded by a timeout; redirects are not followed. */
public final class HttpPurgeSender implements PurgeSender {

    private final HttpClient client;
    private final Duration timeout;

    public HttpPurgeSender(long timeoutMillis) {
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public int send(URI server, OutboundRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target(server, request.path())).timeout(timeout)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        for (Map.Entry<String, String> f : request.fields()) {
            b.header(f.getKey(), f.getValue());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The server's URL with the request's path below it ({@code /} when both are empty). */
    static URI target(URI server, String path) {
        String base = server.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String below = path.isEmpty() ? "/" : path;
        if (server.getRawPath() != null && !server.getRawPath().isEmpty() && !server.getRawPath().equals("/")
                && path.isEmpty()) {
            below = "";
        }
        return URI.create(base + below);
    }

    /** Ends the client's connections (the JDK 21 client can be closed; 17's ends with its last reference). */
    public void close() {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing left to do: its connections end with it
            }
        }
    }
}
