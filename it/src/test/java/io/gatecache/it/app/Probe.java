package io.gatecache.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the tests observe of the resources: call counts, gates that hold a resource, failure switches. */
@ApplicationScoped
public class Probe {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

    public int called(String name) {
        return calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    public int calls(String name) {
        AtomicInteger n = calls.get(name);
        return n == null ? 0 : n.get();
    }

    public void close(String name) {
        gates.put(name, new CountDownLatch(1));
    }

    public void open(String name) {
        CountDownLatch gate = gates.remove(name);
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Waits while the named gate is closed (at most 60 s, so nothing hangs forever). */
    public void pass(String name) throws InterruptedException {
        CountDownLatch gate = gates.get(name);
        if (gate != null) {
            gate.await(60, TimeUnit.SECONDS);
        }
    }

    public void fail(String name, boolean on) {
        failing.put(name, on);
    }

    public boolean failing(String name) {
        return failing.getOrDefault(name, false);
    }
}
