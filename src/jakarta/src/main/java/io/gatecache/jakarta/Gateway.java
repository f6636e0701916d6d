package io.gatecache.jakarta;

import io.gatecache.core.HeaderRules;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gateway mode's connection to the origin: forwards a request (method, path, query, header
 * fields but the hop-by-hop ones, body) and returns the origin's response as it came, or a 502
 * (origin unreachable or broken) / 504 (origin too slow). One pooled HTTP/1.1 client per
 * application.
 */
final class Gateway implements AutoCloseable {

    static final String ATTRIBUTE = Gateway.class.getName();
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
    /** Fields the HTTP client sets itself, or that belong to one connection only. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "expect", "upgrade",
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
            BackgroundRefresher.HEADER.toLowerCase(Locale.ROOT));

    /** The origin's answer: status, header fields in order (names repeated for several values), body. */
    record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    }

    private final String origin;
    private final String prefix;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient client;

    /**
     * @param origin the origin's base URL, e.g. {@code http://127.0.0.1:9000} (a path is kept as a prefix)
     * @param prefix the application path the gateway serves, e.g. {@code /} or {@code /legacy}
     */
    Gateway(String origin, String prefix, long connectTimeoutMillis, long timeoutMillis) {
        URI u = URI.create(origin);
        if (u.getScheme() == null || u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
            throw new IllegalArgumentException("Gatecache: gatecache.gateway.origin '" + origin
                    + "' is not an http(s) URL like http://127.0.0.1:9000");
        }
        this.origin = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        String p = prefix == null || prefix.isBlank() ? "/" : prefix.trim();
        p = p.startsWith("/") ? p : "/" + p;
        this.prefix = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gatecache-gateway");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The servlet mapping of the gateway: {@code /*} or {@code /legacy/*}. */
    String mapping() {
        return prefix.equals("/") ? "/*" : prefix + "/*";
    }

    /** The origin URL for a path within the application (the gateway prefix taken off) and a raw query. */
    URI target(String applicationPath, String query) {
        String rest = prefix.equals("/") ? applicationPath
                : applicationPath.startsWith(prefix) ? applicationPath.substring(prefix.length()) : applicationPath;
        if (rest.isEmpty()) {
            rest = "/";
        }
        return URI.create(origin + rest + (query == null ? "" : "?" + query));
    }

    /**
     * Forwards a request.
     *
     * @param fields the request's header fields, in order (repeated names for several values)
     */
    Reply forward(String method, URI target, List<Map.Entry<String, String>> fields, byte[] body) {
        Set<String> nominated = nominated(fields);
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout).method(method,
                body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> f : fields) {
            String lower = f.getKey().toLowerCase(Locale.ROOT);
            if (NOT_FORWARDED.contains(lower) || nominated.contains(lower)) {
                continue;
            }
            try {
                b.header(f.getKey(), f.getValue());
            } catch (IllegalArgumentException restricted) {
                // a field the HTTP client will not send on someone else's behalf
            }
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
            Set<String> responseNominated = new HashSet<>();
            r.headers().allValues("connection").forEach(v -> {
                for (String n : v.split(",")) {
                    responseNominated.add(n.trim().toLowerCase(Locale.ROOT));
                }
            });
            r.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HeaderRules.isHopByHop(lower) && !lower.equals("content-length") && !lower.startsWith(":")
                        && !responseNominated.contains(lower)) {
                    values.forEach(v -> headers.add(Map.entry(name, v)));
                }
            });
            r.headers().firstValue("content-length").ifPresent(cl -> headers.add(Map.entry("Content-Length", cl)));
            return new Reply(r.statusCode(), headers, r.body());
        } catch (HttpTimeoutException e) {
            LOG.log(Level.WARNING, "Gatecache gateway: " + method + " " + target + " timed out after " + timeout);
            return failure(504, "the origin did not answer in time");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Gatecache gateway: " + method + " " + target + " failed: " + e);
            return failure(502, "the origin could not be reached or answered badly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(503, "interrupted");
        } catch (IllegalArgumentException e) {
            return failure(400, "the request cannot be forwarded: " + e.getMessage());
        }
    }

    private static Reply failure(int status, String message) {
        return new Reply(status, List.of(Map.entry("Content-Type", "text/plain;charset=UTF-8"),
                Map.entry("Cache-Control", "no-store")), (message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Set<String> nominated(List<Map.Entry<String, String>> fields) {
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase("Connection")) {
                for (String n : f.getValue().split(",")) {
                    out.add(n.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
