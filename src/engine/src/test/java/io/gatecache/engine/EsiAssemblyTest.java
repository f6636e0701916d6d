package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ESI assembly in the engine, from the store alone (no server: nothing can be fetched). */
class EsiAssemblyTest {

    private static final String ORIGIN = "http://example.org";
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
    private final MemoryResponseStore store = new MemoryResponseStore(clock, 16);
    private final CacheEngine engine = new CacheEngine(
            TestSettings.settings(CacheOptions.DEFAULTS, 10_000, false, true), store, clock, "");

    private final EngineRequests requests = new EngineRequests(engine, ORIGIN);

    private void stored(String path, String body, String... fields) {
        requests.stored(path, body, Set.of(), fields);
    }

    private Answer deliver(String path, String... fields) {
        return requests.deliver(path, fields);
    }

    private void page(String path, String markup) {
        stored(path, markup, "Cache-Control", "public, s-maxage=600", "Surrogate-Control", "content=\"ESI/1.0\"",
                "ETag", "\"page\"");
    }

    @Test
    void freshFragmentsComeFromTheStoreAndTheFieldsMerge() {
        stored("/f/one", "(one)", "Cache-Control", "public, s-maxage=60");
        stored("/f/two", "(two)", "Cache-Control", "public, s-maxage=10");
        page("/p/a", "[<esi:include src=\"/f/one\"/><esi:remove>x</esi:remove><esi:include src=\"../f/two\"/>]");
        Answer a = deliver("/p/a");
        assertEquals(200, a.status());
        assertEquals("[(one)(two)]", new String(a.body()));
        assertEquals("public, s-maxage=10", a.added().get("Cache-Control"));
        assertEquals(null, a.stored().get("Surrogate-Control"));
        assertEquals(null, a.stored().get("ETag"), "no entity tag describes the whole");
        assertEquals("HIT", a.added().get("X-Cache"));
    }

    @Test
    void aFailingIncludeIsLeftOutWithContinueElseThePageIsA502() {
        page("/p/b", "[<esi:include src=\"/nowhere\" onerror=\"continue\"/>]");
        assertEquals("[]", new String(deliver("/p/b").body()));
        page("/p/c", "[<esi:include src=\"/nowhere\"/>]");
        Answer failed = deliver("/p/c");
        assertEquals(502, failed.status());
        assertEquals("no-store", failed.added().get("Cache-Control"));
        assertTrue(new String(failed.body()).contains("/nowhere"));
    }

    @Test
    void theErrorPageEscapesWhatItRepeats() {
        // a < ends any tag, so a src holds at most the other specials; all are escaped
        page("/p/quoted", "[<esi:include src='/x\" onmouseover=\"alert(1)\">&amp;x'/>]");
        Answer a = deliver("/p/quoted");
        assertEquals(502, a.status());
        String body = new String(a.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("/x&quot; onmouseover=&quot;alert(1)&quot;&gt;&amp;x"), body);
        assertFalse(body.contains("\"") || body.contains(">") || body.contains("<"), body);
        assertEquals("nosniff", a.added().get("X-Content-Type-Options"));
        assertEquals("text/plain;charset=UTF-8", a.added().get("Content-Type"));

        page("/p/lines", "[<esi:include src=\"/y'\r\nSet-Cookie: a=b\"/>]");
        String lines = new String(deliver("/p/lines").body(), StandardCharsets.UTF_8);
        assertTrue(lines.contains("/y&#39;&#13;&#10;Set-Cookie: a=b"), lines);
        assertEquals(lines.length() - 1, lines.indexOf('\n'), "one line: " + lines);
    }

    @Test
    void aPathThatWouldNameAnotherHostIsRefused() {
        for (String src : new String[] {"/.//evil.example/x", "http://example.org/..//evil.example/x", "//evil.example/x",
            "http://user@evil.example/x"}) {
            page("/p/ssrf", "[<esi:include src=\"" + src + "\"/>]");
            Answer a = deliver("/p/ssrf");
            assertEquals(502, a.status(), src);
            String why = new String(a.body());
            assertTrue(why.contains("refused"), src + ": " + why);
        }
    }

    @Test
    void anotherHostIsRefusedAndADownstreamEsiCacheGetsTheMarkup() {
        page("/p/d", "[<esi:include src=\"http://elsewhere.example/x\" onerror=\"continue\"/>]");
        assertEquals("[]", new String(deliver("/p/d").body()));
        Answer markup = deliver("/p/d", "Surrogate-Capability", "edge=\"ESI/1.0\"");
        assertTrue(new String(markup.body()).contains("<esi:include"));
        assertEquals("content=\"ESI/1.0\"", markup.stored().get("Surrogate-Control"));
    }
}
