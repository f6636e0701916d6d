package io.gatecache.jakarta;

import io.gatecache.core.HeaderRules;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refreshes an entry in the background while its stale copy is being served
 * (stale-while-revalidate): at most one refresh per key at a time, made as a request to this
 * server over the connector the client used, so the resource runs in a normal request with its
 * full container context. The refresh request carries a one-time token naming the key it
 * refreshes; a token the refresher did not hand out is ignored.
 */
final class BackgroundRefresher implements AutoCloseable {

    static final String HEADER = "Gatecache-Refresh";
    private static final Logger LOG = Logger.getLogger(BackgroundRefresher.class.getName());
    private static final Set<String> NOT_COPIED = Set.of("host", "content-length", "expect", "upgrade",
            "connection", "if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range",
            "cache-control", "pragma", HEADER.toLowerCase(Locale.ROOT));

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, String> tokenByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> keyByToken = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration timeout;

    BackgroundRefresher(long timeoutMillis) {
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "gatecache-refresh");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The key a refresh request refreshes, when it carries a token this refresher handed out; else null. */
    String claim(String token) {
        return token == null ? null : keyByToken.remove(token);
    }

    /**
     * Starts a refresh of {@code key} unless one is running. False when it cannot (a TLS
     * connector): the caller then revalidates in the request instead.
     */
    boolean trigger(HttpServletRequest request, String key) {
        if (request.isSecure()) {
            return false;
        }
        String token = HexFormat.of().formatHex(bytes());
        if (tokenByKey.putIfAbsent(key, token) != null) {
            return true;
        }
        keyByToken.put(token, key);
        try {
            String host = request.getLocalAddr();
            if (host.indexOf(':') >= 0) {
                host = "[" + host + "]";
            }
            String query = request.getQueryString();
            URI uri = URI.create("http://" + host + ":" + request.getLocalPort() + request.getRequestURI()
                    + (query == null ? "" : "?" + query));
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(timeout);
            for (String name : Collections.list(request.getHeaderNames())) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (NOT_COPIED.contains(lower) || HeaderRules.isHopByHop(lower)) {
                    continue;
                }
                for (String value : Collections.list(request.getHeaders(name))) {
                    try {
                        b.header(name, value);
                    } catch (IllegalArgumentException restricted) {
                        // a field the HTTP client sets itself
                    }
                }
            }
            b.header(HEADER, token);
            client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        done(key, token);
                        if (failure != null) {
                            LOG.log(Level.FINE, "background refresh of " + key + " failed", failure);
                        }
                    });
        } catch (RuntimeException e) {
            done(key, token);
            LOG.log(Level.FINE, "background refresh of " + key + " not started", e);
        }
        return true;
    }

    private byte[] bytes() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return b;
    }

    private void done(String key, String token) {
        tokenByKey.remove(key, token);
        keyByToken.remove(token);
    }

    /** Whether a refresh of the key is running. */
    boolean refreshing(String key) {
        return tokenByKey.containsKey(key);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
