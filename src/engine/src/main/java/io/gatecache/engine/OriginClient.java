package io.gatecache.engine;

import io.gatecache.core.HeaderRules;
import io.gatecache.core.UnkeyedFields;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cache's one HTTP client, for every request it makes itself: gateway mode's requests to the
 * origin ({@link #forward}), background refreshes ({@link #refresh}) and ESI fragments
 * ({@link #stream}). One pool of HTTP/1.1 connections, one set of field rules, one connect
 * timeout.
 *
 * <p>Fields never sent on: hop-by-hop fields and those Connection nominates (RFC 9110 §7.6.1),
 * those the client sets itself (Host, Content-Length, Expect), forwarding fields a client may
 * not supply, and the cache's own refresh token.
 */
public final class OriginClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OriginClient.class.getName());
    /** The field that carries a background refresh's one-time token. */
    public static final String REFRESH_TOKEN = "Gatecache-Refresh";
    /** This gateway's Via entry (RFC 9110 §7.6.3); a request already carrying it is a loop. */
    public static final String VIA = "1.1 gatecache";
    private static final Set<String> NEVER_SENT = Set.of("host", "content-length", "expect", "forwarded",
            "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            REFRESH_TOKEN.toLowerCase(Locale.ROOT));
    /** Idempotent methods (RFC 9110 §9.2.2) the HTTP client does not itself send again. */
    private static final Set<String> RETRIED = Set.of("PUT", "DELETE", "OPTIONS", "TRACE");

    /**
     * The origin's answer: status, header fields in order (names repeated for several values),
     * body; or the client's own error, with {@code unreachable} when the origin could not be
     * reached or did not answer (no response at all, as opposed to an error response).
     */
    public record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body, boolean unreachable) {
    }

    private final Duration timeout;
    private final long maxBodyBytes;
    private final Set<String> stripped;
    private final ExecutorService executor;
    private final HttpClient client;

    /**
     * @param connectTimeoutMillis how long a connection may take to open
     * @param timeoutMillis how long a forwarded request may take to answer
     * @param maxBodyBytes the largest response body taken from an origin
     * @param stripFields request fields a gateway does not forward, besides {@link UnkeyedFields#NAMES}
     */
    public OriginClient(long connectTimeoutMillis, long timeoutMillis, long maxBodyBytes,
            java.util.Collection<String> stripFields) {
        if (connectTimeoutMillis <= 0 || timeoutMillis <= 0 || maxBodyBytes <= 0) {
            throw new IllegalArgumentException("Gatecache: gatecache.gateway.connect-timeout-ms, timeout-ms and "
                    + "max-body-bytes must be greater than 0");
        }
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.maxBodyBytes = maxBodyBytes;
        Set<String> strip = new java.util.HashSet<>(UnkeyedFields.NAMES);
        stripFields.forEach(f -> strip.add(UnkeyedFields.key(f.trim())));
        this.stripped = Set.copyOf(strip);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gatecache-origin");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Forwards a request as a gateway: the fields but those never sent, Via added (a request that
     * already passed here is a loop: 508), X-Forwarded-For extended, Max-Forwards decremented for
     * OPTIONS and TRACE. Never throws: a failure is a 502 (unreachable, broken, oversized, odd
     * status), 504 (too slow), 400 (not forwardable) or 501 (CONNECT).
     *
     * @param target the origin URL, or null when the request has none
     * @param fields the request's header fields, in order (repeated names for several values)
     * @param clientAddress the client's address, for X-Forwarded-For, or null
     */
    public Reply forward(String method, URI target, List<Map.Entry<String, String>> fields, byte[] body,
            String clientAddress) {
        if (target == null) {
            return failure(400, "the request target cannot be forwarded");
        }
        if (method.equals("CONNECT")) {
            return failure(501, "CONNECT is not forwarded");
        }
        String forwardedFor = null;
        String via = VIA;
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase("Via")) {
                if (f.getValue().contains(VIA)) {
                    return failure(508, "the request came back to this gateway (a loop)");
                }
                via = f.getValue() + ", " + VIA;
            } else if (f.getKey().equalsIgnoreCase("X-Forwarded-For")) {
                forwardedFor = forwardedFor == null ? f.getValue() : forwardedFor + ", " + f.getValue();
            }
        }
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout).method(method,
                    body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            boolean maxForwards = method.equals("OPTIONS") || method.equals("TRACE");
            copyFields(b, fields, (name, value) -> {
                if (name.equals("via") || stripped.contains(name)) {
                    return null;
                }
                if (maxForwards && name.equals("max-forwards")) {
                    long n = parseCount(value);
                    return n >= 1 ? String.valueOf(n - 1) : value;
                }
                return value;
            });
            b.header("Via", via);
            if (clientAddress != null) {
                b.header("X-Forwarded-For", forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
            }
            return reply(send(b.build()));
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
            return failure(400, "the request cannot be forwarded: " + ErrorText.escape(e.getMessage()));
        }
    }

    /**
     * Sends a background refresh: a GET of {@code target} with the fields but those never sent,
     * plus {@code extra} fields not copied, and the refresh token. The body is discarded; the
     * future completes when the response has been read, or fails.
     *
     * @param notCopied lower-case names of further fields to leave out
     */
    public CompletableFuture<Void> refresh(URI target, List<Map.Entry<String, String>> fields, Set<String> notCopied,
            String token, long timeoutMillis) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target).GET().timeout(Duration.ofMillis(timeoutMillis));
        copyFields(b, fields, (name, value) -> notCopied.contains(name) ? null : value);
        b.header(REFRESH_TOKEN, token);
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).thenApply(r -> null);
    }

    /**
     * A response whose body is still to be read, as it arrives: status, header fields in order
     * (hop-by-hop ones left out), the body (to be closed once read; empty when there is none);
     * or, with {@code failure} saying why, no response at all (status 502, or 504 when it did not
     * come in time; 400 for a URL that cannot be requested).
     */
    public record Streamed(int status, List<Map.Entry<String, String>> headers, InputStream body, String failure) {

        static Streamed failed(int status, String why) {
            return new Streamed(status, List.of(), InputStream.nullInputStream(), why);
        }
    }

    /**
     * Sends the GET of an ESI fragment: {@code target} with the fields but those never sent and
     * those {@code notCopied}, plus {@code extra}. Completes when the response's head has come,
     * its body left to the caller to read (and close), so that what reads it decides how much it
     * takes; never completes exceptionally (a failure is a {@link Streamed} that says why).
     * Cancelling the future before it completes gives the request up.
     *
     * @param notCopied lower-case names of fields to leave out (the client's conditionals)
     * @param timeoutMillis how long the response's head may take
     */
    public CompletableFuture<Streamed> stream(URI target, List<Map.Entry<String, String>> fields,
            Set<String> notCopied, Map<String, String> extra, long timeoutMillis) {
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(target).GET().timeout(Duration.ofMillis(timeoutMillis));
            copyFields(b, fields, (name, value) -> notCopied.contains(name) || extra.keySet().stream()
                    .anyMatch(name::equalsIgnoreCase) ? null : value);
            extra.forEach(b::header);
            request = b.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Streamed.failed(400, "not a URL that can be fetched: " + target));
        }
        CompletableFuture<HttpResponse<InputStream>> sent = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<Streamed> streamed = sent.handle((r, e) -> {
            if (e == null) {
                return new Streamed(r.statusCode(), responseFields(r), r.body(), null);
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            return cause instanceof HttpTimeoutException ? Streamed.failed(504, "the fragment did not come in time")
                    : Streamed.failed(502, "the fragment could not be fetched: " + cause.getMessage());
        });
        streamed.whenComplete((r, e) -> {
            if (streamed.isCancelled()) {
                // the request given up; a response that came all the same is closed
                sent.cancel(true);
                sent.thenAccept(response -> close(response.body()));
            }
        });
        return streamed;
    }

    /** Closes a body given up or read, whatever closing it throws. */
    static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // given up either way
        }
    }

    /** Where the responses this client fetches are read (threads of its own, made as needed). */
    public java.util.concurrent.Executor readers() {
        return executor;
    }

    /** A field's value as sent, given its lower-case name and value; null leaves it out. */
    @FunctionalInterface
    private interface FieldRule {
        String apply(String lowerName, String value);
    }

    /** Copies the fields that may be sent, as {@code rule} says. */
    private static void copyFields(HttpRequest.Builder b, List<Map.Entry<String, String>> fields, FieldRule rule) {
        Set<String> nominated = HeaderRules.nominated(fields.stream()
                .filter(f -> f.getKey().equalsIgnoreCase("Connection")).map(Map.Entry::getValue).toList());
        for (Map.Entry<String, String> f : fields) {
            String lower = UnkeyedFields.key(f.getKey());
            if (NEVER_SENT.contains(lower) || HeaderRules.isHopByHop(lower) || nominated.contains(lower)) {
                continue;
            }
            String value = rule.apply(lower, f.getValue());
            if (value == null) {
                continue;
            }
            try {
                b.header(f.getKey(), value);
            } catch (IllegalArgumentException restricted) {
                // a field the HTTP client will not send on someone else's behalf
            }
        }
    }

    /** A field's whole number (Max-Forwards, Content-Length), or -1 when it is not one. */
    static long parseCount(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The origin's response as received: its fields but hop-by-hop ones, the body up to the bound. */
    private Reply reply(HttpResponse<InputStream> r) throws IOException {
        byte[] bytes;
        try (InputStream in = r.body()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        }
        if (bytes.length > maxBodyBytes) {
            return failure(502, "the origin's body is larger than gatecache.gateway.max-body-bytes");
        }
        if (r.statusCode() < 200 || r.statusCode() > 599) {
            return failure(502, "the origin answered with status " + r.statusCode());
        }
        return new Reply(r.statusCode(), responseFields(r), bytes, false);
    }

    /** A response's fields as received, but hop-by-hop ones; Content-Length last, once. */
    private static List<Map.Entry<String, String>> responseFields(HttpResponse<?> r) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Set<String> nominated = HeaderRules.nominated(r.headers().allValues("connection"));
        r.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HeaderRules.isHopByHop(lower) && !lower.equals("content-length") && !lower.startsWith(":")
                    && !nominated.contains(lower)) {
                values.forEach(v -> headers.add(Map.entry(name, v)));
            }
        });
        r.headers().firstValue("content-length").ifPresent(cl -> headers.add(Map.entry("Content-Length", cl)));
        return headers;
    }

    /**
     * Sends a request; an idempotent one that failed before a response arrived (an I/O failure
     * other than a refused connection or a timeout) is sent once more (RFC 9110 §9.2.2): a pooled
     * connection the origin closed while idle fails that way. The HTTP client does so itself for
     * GET and HEAD only.
     */
    private HttpResponse<InputStream> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException | ConnectException e) {
            throw e;
        } catch (IOException e) {
            if (!RETRIED.contains(request.method())) {
                throw e;
            }
            LOG.fine(() -> "Gatecache gateway: " + request.method() + " " + request.uri() + " sent again after " + e);
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    /** The gateway's own error response ({@code message} holds nothing unescaped: see {@link ErrorText}). */
    public static Reply failure(int status, String message) {
        return new Reply(status, List.of(Map.entry("Content-Type", "text/plain;charset=UTF-8"),
                Map.entry("X-Content-Type-Options", "nosniff"), Map.entry("Cache-Control", "no-store")), (message + "\n").getBytes(StandardCharsets.UTF_8), false);
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
