package io.gatecache.jakarta;

import io.gatecache.core.HeaderRules;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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
    /**
     * Fields not forwarded besides the hop-by-hop ones: those the HTTP client sets itself, and
     * forwarding fields a client may not supply (X-Forwarded-For is extended instead).
     */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "expect", "forwarded",
            "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            BackgroundRefresher.HEADER.toLowerCase(Locale.ROOT));
    /** Idempotent methods (RFC 9110 §9.2.2) the HTTP client does not itself send again. */
    private static final Set<String> RETRIED = Set.of("PUT", "DELETE", "OPTIONS", "TRACE");
    /** This gateway's Via entry (RFC 9110 §7.6.3); a request already carrying it is a loop. */
    static final String VIA = "1.1 gatecache";

    /**
     * The origin's answer: status, header fields in order (names repeated for several values),
     * body; or the gateway's own error, with {@code unreachable} when the origin could not be
     * reached or did not answer (no response at all, as opposed to an error response).
     */
    record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body, boolean unreachable) {
        Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
            this(status, headers, body, false);
        }
    }

    private final String origin;
    private final URI originUri;
    private final String prefix;
    private final long maxBodyBytes;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient client;

    /**
     * @param origin the origin's base URL, e.g. {@code http://127.0.0.1:9000} (a path is kept as a prefix)
     * @param prefix the application path the gateway serves, e.g. {@code /} or {@code /legacy}
     */
    Gateway(String origin, String prefix, long connectTimeoutMillis, long timeoutMillis, long maxBodyBytes) {
        if (connectTimeoutMillis <= 0 || timeoutMillis <= 0 || maxBodyBytes <= 0) {
            throw new IllegalArgumentException("Gatecache: gatecache.gateway.connect-timeout-ms, timeout-ms and "
                    + "max-body-bytes must be greater than 0");
        }
        this.maxBodyBytes = maxBodyBytes;
        URI u = URI.create(origin);
        if (u.getScheme() == null || u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
            throw new IllegalArgumentException("Gatecache: gatecache.gateway.origin '" + origin
                    + "' is not an http(s) URL like http://127.0.0.1:9000");
        }
        this.origin = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        this.originUri = u;
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

    /**
     * The origin URL for a path within the application (the gateway prefix taken off, by whole
     * segments) and a raw query; null when they do not make a URL on the origin (a path that does
     * not start with "/", characters a URI may not hold, anything that would name another host).
     */
    URI target(String applicationPath, String query) {
        String rest = applicationPath;
        if (!prefix.equals("/")) {
            if (!(rest.equals(prefix) || rest.startsWith(prefix + "/"))) {
                return null;
            }
            rest = rest.substring(prefix.length());
        }
        if (rest.isEmpty()) {
            rest = "/";
        }
        if (!rest.startsWith("/") || rest.startsWith("//")) {
            return null;
        }
        try {
            URI t = new URI(origin + rest + (query == null ? "" : "?" + query));
            boolean sameOrigin = originUri.getScheme().equalsIgnoreCase(t.getScheme())
                    && originUri.getHost().equalsIgnoreCase(t.getHost() == null ? "" : t.getHost())
                    && originUri.getPort() == t.getPort() && t.getRawUserInfo() == null;
            return sameOrigin ? t : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /**
     * Forwards a request.
     *
     * @param fields the request's header fields, in order (repeated names for several values)
     */
    Reply forward(String method, URI target, List<Map.Entry<String, String>> fields, byte[] body, String clientAddress) {
        if (target == null) {
            return failure(400, "the request target cannot be forwarded");
        }
        if (method.equals("CONNECT")) {
            return failure(501, "CONNECT is not forwarded");
        }
        Set<String> nominated = HeaderRules.nominated(fields.stream()
                .filter(f -> f.getKey().equalsIgnoreCase("Connection")).map(Map.Entry::getValue).toList());
        String forwardedFor = null;
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase("Via") && f.getValue().contains(VIA)) {
                return failure(508, "the request came back to this gateway (a loop)");
            }
            if (f.getKey().equalsIgnoreCase("X-Forwarded-For")) {
                forwardedFor = forwardedFor == null ? f.getValue() : forwardedFor + ", " + f.getValue();
            }
        }
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout).method(method,
                    body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String via = VIA;
            for (Map.Entry<String, String> f : fields) {
                String lower = f.getKey().toLowerCase(Locale.ROOT);
                if (NOT_FORWARDED.contains(lower) || HeaderRules.isHopByHop(lower) || nominated.contains(lower)) {
                    continue;
                }
                if (lower.equals("via")) {
                    via = f.getValue() + ", " + VIA;
                    continue;
                }
                if (lower.equals("max-forwards") && (method.equals("OPTIONS") || method.equals("TRACE"))) {
                    long n = -1;
                    try {
                        n = Long.parseLong(f.getValue().trim());
                    } catch (NumberFormatException ignored) {
                        // forwarded unchanged below
                    }
                    if (n >= 1) {
                        b.header(f.getKey(), String.valueOf(n - 1));
                        continue;
                    }
                }
                try {
                    b.header(f.getKey(), f.getValue());
                } catch (IllegalArgumentException restricted) {
                    // a field the HTTP client will not send on someone else's behalf
                }
            }
            b.header("Via", via);
            if (clientAddress != null) {
                b.header("X-Forwarded-For", forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
            }
            HttpResponse<java.io.InputStream> r = send(b.build());
            byte[] bytes;
            try (java.io.InputStream in = r.body()) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            }
            if (bytes.length > maxBodyBytes) {
                return failure(502, "the origin's body is larger than gatecache.gateway.max-body-bytes");
            }
            if (r.statusCode() < 200 || r.statusCode() > 599) {
                return failure(502, "the origin answered with status " + r.statusCode());
            }
            List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
            Set<String> responseNominated = HeaderRules.nominated(r.headers().allValues("connection"));
            r.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!HeaderRules.isHopByHop(lower) && !lower.equals("content-length") && !lower.startsWith(":")
                        && !responseNominated.contains(lower)) {
                    values.forEach(v -> headers.add(Map.entry(name, v)));
                }
            });
            r.headers().firstValue("content-length").ifPresent(cl -> headers.add(Map.entry("Content-Length", cl)));
            return new Reply(r.statusCode(), headers, bytes);
        } catch (HttpTimeoutException e) {
            LOG.log(Level.WARNING, "Gatecache gateway: " + method + " " + target + " timed out after " + timeout);
            return unreachable(504, "the origin did not answer in time");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Gatecache gateway: " + method + " " + target + " failed: " + e);
            return unreachable(502, "the origin could not be reached or answered badly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(503, "interrupted");
        } catch (IllegalArgumentException e) {
            return failure(400, "the request cannot be forwarded: " + e.getMessage());
        }
    }

    /**
     * Sends a request; an idempotent one that failed before a response arrived (an I/O failure
     * other than a refused connection or a timeout) is sent once more (RFC 9110 §9.2.2): a pooled
     * connection the origin closed while idle fails that way. The HTTP client does so itself for
     * GET and HEAD only.
     */
    private HttpResponse<java.io.InputStream> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException | java.net.ConnectException e) {
            throw e;
        } catch (IOException e) {
            if (!RETRIED.contains(request.method())) {
                throw e;
            }
            LOG.fine(() -> "Gatecache gateway: " + request.method() + " " + request.uri() + " sent again after " + e);
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    private static Reply failure(int status, String message) {
        return new Reply(status, List.of(Map.entry("Content-Type", "text/plain;charset=UTF-8"),
                Map.entry("Cache-Control", "no-store")), (message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Reply unreachable(int status, String message) {
        Reply r = failure(status, message);
        return new Reply(r.status(), r.headers(), r.body(), true);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
