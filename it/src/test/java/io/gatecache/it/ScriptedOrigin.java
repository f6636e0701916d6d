package io.gatecache.it;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP origin on 127.0.0.1 whose answers the tests script per path (and query): each request
 * takes the next scripted reply, the last one repeating. It records every request it receives,
 * and can hold the requests to a path until the test releases them ({@link #hold}).
 */
final class ScriptedOrigin implements AutoCloseable {

    /** A scripted reply: status, header fields (name, value, name, value...), body; or a broken connection. */
    record Reply(int status, List<String> fields, String body, long delayMillis, boolean broken) {
        static Reply of(int status, String body, String... fields) {
            return new Reply(status, List.of(fields), body, 0, false);
        }

        Reply delayed(long millis) {
            return new Reply(status, fields, body, millis, broken);
        }

        static Reply brokenConnection() {
            return new Reply(0, List.of(), "", 0, true);
        }
    }

    /** A request the origin received. */
    record Seen(String method, String target, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final Map<String, ConcurrentLinkedDeque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();

    /**
     * Requests to one path (any query) held at the origin, after they were received and before
     * they are answered, until {@link #release}: the test knows when a number of them are in
     * and how many are in at once.
     */
    static final class Hold {
        /** How long a held request waits for the release at most, so that a failed test leaves no thread behind. */
        private static final Duration LIMIT = Duration.ofSeconds(60);

        private final CountDownLatch arrived;
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger held = new AtomicInteger();

        private Hold(int count) {
            arrived = new CountDownLatch(count);
        }

        /** Waits until the number of requests given to {@link ScriptedOrigin#hold} were received. */
        boolean awaitArrivals(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** How many requests are held now: received and not answered. */
        int held() {
            return held.get();
        }

        /** Lets every held request, and every later one, be answered. */
        void release() {
            released.countDown();
        }

        private void enter() throws InterruptedException {
            held.incrementAndGet();
            try {
                arrived.countDown();
                released.await(LIMIT.toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                held.decrementAndGet();
            }
        }
    }

    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    private ScriptedOrigin(HttpServer server) {
        this.server = server;
    }

    static ScriptedOrigin start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            ScriptedOrigin origin = new ScriptedOrigin(server);
            server.createContext("/", origin::handle);
            server.setExecutor(Executors.newFixedThreadPool(64));
            server.start();
            return origin;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts the replies for a target (path and query), in order. */
    void script(String target, Reply... replies) {
        scripts.put(target, new ConcurrentLinkedDeque<>(List.of(replies)));
    }

    /** Holds every request to {@code path} (whatever its query) until released; count is how many the test awaits. */
    Hold hold(String path, int count) {
        Hold hold = new Hold(count);
        holds.put(path, hold);
        return hold;
    }

    /** Unscripted requests under this path are answered with what the origin received, cacheable for a minute. */
    static final String ECHO = "/echo/";

    /**
     * The echo of a request: its method and target on the first line, then its fields, one
     * {@code name: value} line each, names lower-cased, in name order.
     */
    private static Reply echo(HttpExchange ex, String target) {
        StringBuilder sb = new StringBuilder(ex.getRequestMethod()).append(' ').append(target).append('\n');
        new java.util.TreeMap<>(ex.getRequestHeaders()).forEach((name, values) -> values.forEach(
                v -> sb.append(name.toLowerCase(java.util.Locale.ROOT)).append(": ").append(v).append('\n')));
        return Reply.of(200, sb.toString(), "Cache-Control", "public, max-age=60", "Content-Type", "text/plain");
    }

    List<Seen> seen(String target) {
        return seen.getOrDefault(target, List.of());
    }

    /**
     * Whether a request for any of the targets arrives within {@code window} from now (or came
     * already): for requests that must never arrive, such as ones smuggled behind others, which a
     * server would run after the connection's answer, as late as it gets to them.
     */
    boolean anyArrivesWithin(java.util.Collection<String> targets, Duration window) throws InterruptedException {
        long deadline = System.nanoTime() + window.toNanos();
        synchronized (seen) {
            while (targets.stream().allMatch(t -> seen(t).isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(seen, left);
            }
            return true;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String target = ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.computeIfAbsent(target, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new Seen(ex.getRequestMethod(), target, ex.getRequestHeaders(), body));
            synchronized (seen) {
                seen.notifyAll();
            }
            Hold hold = holds.get(ex.getRequestURI().getRawPath());
            if (hold != null) {
                hold.enter();
            }
            ConcurrentLinkedDeque<Reply> replies = scripts.get(target);
            Reply reply = replies == null ? (target.startsWith(ECHO) ? echo(ex, target) : Reply.of(404,
                    "not scripted: " + target)) : replies.size() > 1 ? replies.pollFirst() : replies.peekFirst();
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis()); // the origin being slow is what the test is about
            }
            if (reply.broken()) {
                ex.close(); // no response at all: the connection ends
                return;
            }
            for (int i = 0; i + 1 < reply.fields().size(); i += 2) {
                ex.getResponseHeaders().add(reply.fields().get(i), reply.fields().get(i + 1));
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            boolean bodiless = ex.getRequestMethod().equals("HEAD") || reply.status() == 204 || reply.status() == 304;
            if (bodiless && ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Length", String.valueOf(bytes.length));
            }
            ex.sendResponseHeaders(reply.status(), bodiless || bytes.length == 0 ? -1 : bytes.length);
            if (!bodiless && bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
