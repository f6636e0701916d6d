package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.gatecache.testing.Poll;
import io.gatecache.testing.SettableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Background refreshes over real HTTP on loopback, counted: done, failed, and not started while one runs. */
class BackgroundRefresherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final BackgroundRefresher.Addressing ORIGIN =
            new BackgroundRefresher.Addressing("http", "example.org", "example.org", 80);

    private final Statistics statistics = new Statistics();
    private final OriginClient client = new OriginClient(2_000, 2_000, 1 << 20, List.of());
    private final BackgroundRefresher refresher = new BackgroundRefresher(client,
            new MemoryResponseStore(new SettableClock(1_000_000), 16), 2_000, statistics);
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        answer.countDown();
        if (server != null) {
            server.stop(0);
        }
        client.close();
    }

    /** This server, answering each refresh once released. */
    private URI server() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page");
    }

    private static void await(BooleanSupplier condition, String what) {
        Poll.until(condition, DEADLINE, what);
    }

    @Test
    void aRefreshIsCountedWhenAnsweredAndAnotherForTheKeyMeanwhileIsNotStarted() throws Exception {
        URI target = server();
        assertTrue(refresher.trigger("/page", target, List.of(), ORIGIN));
        await(() -> received.get() == 1, "the refresh reached the server");
        assertTrue(refresher.trigger("/page", target, List.of(), ORIGIN), "the stale entry may be served");
        assertEquals(1, statistics.refreshesSkipped(), "one is running for the key");
        answer.countDown();
        await(() -> statistics.refreshesDone() == 1, "the refresh answered");
        assertEquals(1, received.get());
        assertEquals(0, statistics.refreshesFailed());
    }

    @Test
    void aRefreshWithNoAnswerIsCountedAsFailed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        refresher.trigger("/gone", URI.create("http://127.0.0.1:" + port + "/gone"), List.of(), ORIGIN);
        await(() -> statistics.refreshesFailed() == 1, "the refresh failed");
        assertEquals(0, statistics.refreshesDone());
    }
}
