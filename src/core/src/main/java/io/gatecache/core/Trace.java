package io.gatecache.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A Symfony-style trace of what the cache did for one request, e.g. {@code GET /a: stale, valid, store}.
 * Events: miss, fresh, stale, valid (origin 304), invalid (origin full response), store, pass
 * (not stored), invalidate, invalidated meanwhile (not stored: the key changed while the response
 * was built), stale-if-error.
 */
public final class Trace {

    private final String method;
    private final String path;
    private final List<String> events = new ArrayList<>(4);

    public Trace(String method, String path) {
        this.method = method;
        this.path = path;
    }

    public Trace add(String event) {
        events.add(event);
        return this;
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public String toString() {
        return method + " " + path + ": " + String.join(", ", events);
    }
}
