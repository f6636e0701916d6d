package io.gatecache.jakarta;

import io.gatecache.core.HeaderRules;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refreshes an entry in the background while its stale copy is being served
 * (stale-while-revalidate): at most one refresh per key, and a few at a time in all, each made as
 * a request to this server over the connector the client used, so the resource runs in a normal
 * request with its full container context. The refresh request carries a one-time token; the
 * server side of it ({@link #claim}) restores the original request's host, port and scheme, so the
 * resource sees the request it would have seen. A token the refresher did not hand out is ignored.
 */
final class BackgroundRefresher implements AutoCloseable {

    static final String HEADER = "Gatecache-Refresh";
    private static final Logger LOG = Logger.getLogger(BackgroundRefresher.class.getName());
    private static final int MAX_CONCURRENT = 4;
    /**
     * Fields not copied besides the hop-by-hop ones: those the HTTP client sets, conditionals the
     * cache sets, Range (the refresh fetches the whole representation) and client addresses.
     */
    private static final Set<String> NOT_COPIED = Set.of("host", "content-length", "expect",
            "if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range",
            "range", "cache-control", "pragma", "forwarded", "x-forwarded-for", "x-forwarded-host",
            "x-forwarded-proto", "x-forwarded-port", "x-real-ip", HEADER.toLowerCase(Locale.ROOT));

    /** What a refresh request stands for: the original request's addressing. */
    private record Refresh(String key, String scheme, String host, String serverName, int serverPort) {
    }

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, String> tokenByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Refresh> byToken = new ConcurrentHashMap<>();
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);
    private final Duration timeout;
    private ExecutorService executor;
    private HttpClient client;

    BackgroundRefresher(long timeoutMillis) {
        this.timeout = Duration.ofMillis(timeoutMillis);
    }

    /**
     * The request a refresh request stands for, when it carries a token this refresher handed out;
     * else null. The returned request shows the original host, port and scheme.
     */
    HttpServletRequest claim(HttpServletRequest request) {
        String token = request.getHeader(HEADER);
        Refresh r = token == null ? null : byToken.remove(token);
        return r == null ? null : new Original(request, r);
    }

    /**
     * Starts a refresh of {@code key} unless one is running or too many are. False when a refresh
     * cannot be made from here (a TLS connector): the caller then revalidates in the request.
     */
    boolean trigger(HttpServletRequest request, String key) {
        if (request.isSecure()) {
            return false;
        }
        if (tokenByKey.containsKey(key) || !slots.tryAcquire()) {
            return true;
        }
        String token = HexFormat.of().formatHex(bytes());
        if (tokenByKey.putIfAbsent(key, token) != null) {
            slots.release();
            return true;
        }
        byToken.put(token, new Refresh(key, request.getScheme(), request.getHeader("Host"), request.getServerName(),
                request.getServerPort()));
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
            client().sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
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
        if (tokenByKey.remove(key, token)) {
            slots.release();
        }
        byToken.remove(token);
    }

    private synchronized HttpClient client() {
        if (client == null) {
            executor = Executors.newFixedThreadPool(MAX_CONCURRENT, r -> {
                Thread t = new Thread(r, "gatecache-refresh");
                t.setDaemon(true);
                return t;
            });
            client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A refresh request as the original request addressed it. */
    private static final class Original extends HttpServletRequestWrapper {
        private final Refresh refresh;

        Original(HttpServletRequest request, Refresh refresh) {
            super(request);
            this.refresh = refresh;
        }

        @Override
        public String getHeader(String name) {
            if (name.equalsIgnoreCase("Host")) {
                return refresh.host();
            }
            return name.equalsIgnoreCase(HEADER) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (name.equalsIgnoreCase("Host")) {
                return Collections.enumeration(refresh.host() == null ? Set.of() : Set.of(refresh.host()));
            }
            return name.equalsIgnoreCase(HEADER) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !n.equalsIgnoreCase(HEADER)).toList());
        }

        @Override
        public String getScheme() {
            return refresh.scheme();
        }

        @Override
        public String getServerName() {
            return refresh.serverName();
        }

        @Override
        public int getServerPort() {
            return refresh.serverPort();
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(refresh.scheme()).append("://").append(refresh.serverName());
            boolean defaultPort = (refresh.scheme().equals("http") && refresh.serverPort() == 80)
                    || (refresh.scheme().equals("https") && refresh.serverPort() == 443);
            if (!defaultPort) {
                url.append(':').append(refresh.serverPort());
            }
            return url.append(getRequestURI());
        }
    }
}
