package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.Headers;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Requests through an engine as a front door makes them, for the ESI tests: GETs of one origin, stored and delivered. */
final class EngineRequests {

    private final CacheEngine engine;
    private final String origin;

    EngineRequests(CacheEngine engine, String origin) {
        this.engine = engine;
        this.origin = origin;
    }

    Exchange get(String path, String... fields) {
        Headers h = Headers.of(fields);
        return engine.begin("GET", origin, 80, path, null, h::get);
    }

    /** Stores a response through the engine, as a miss would. */
    void stored(String path, String body, Set<String> tags, String... fields) {
        Exchange ex = get(path);
        Headers h = Headers.of(fields);
        engine.respond(ex, 200, h, false, false);
        Headers status = engine.complete(ex, 200, h, body.getBytes(), tags);
        engine.release(ex);
        assertTrue(status.get("Cache-Status").contains("stored"), path + ": " + status.get("Cache-Status"));
    }

    /** A stored page's answer, assembled when it is an ESI page (nothing can be fetched: no server). */
    Answer deliver(String path, String... fields) {
        Exchange ex = get(path, fields);
        Answer hit = engine.serve(ex, null);
        assertNotNull(hit, path + " is stored");
        return engine.esiPages().assembleAnswer(ex, hit, List::<Map.Entry<String, String>>of, () -> (URI) null);
    }
}
