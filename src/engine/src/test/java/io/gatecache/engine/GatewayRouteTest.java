package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Gateway mode never builds a URL that leaves its origin, whatever the request path holds. */
class GatewayRouteTest {

    private final GatewayRoute root = new GatewayRoute("http://127.0.0.1:9000", "/");
    private final GatewayRoute legacy = new GatewayRoute("http://127.0.0.1:9000/base/", "/legacy");

    @Test
    void pathAndQueryGoToTheOriginByteForByte() {
        assertEquals(URI.create("http://127.0.0.1:9000/a/b%20c?x=1&y=%2F"), root.target("/a/b%20c", "x=1&y=%2F"));
        assertEquals(URI.create("http://127.0.0.1:9000/base/x"), legacy.target("/legacy/x", null));
        assertEquals(URI.create("http://127.0.0.1:9000/base/"), legacy.target("/legacy", null));
    }

    @Test
    void thePrefixIsTakenOffByWholeSegmentsOnly() {
        assertNull(legacy.target("/legacyx/y", null));
        assertNull(legacy.target("/other", null));
    }

    @Test
    void aPathThatWouldNameAnotherHostIsRefused() {
        // "/legacy;@evil.com:6379/x" would make "http://127.0.0.1:9000/base;@evil.com..." in a naive join;
        // and "//evil.com/x" a network-path reference
        assertNull(legacy.target("/legacy;@evil.com:6379/x", null));
        assertNull(root.target("//evil.com/x", null));
        assertNull(root.target("/a", "q={bad}"), "characters a URI may not hold");
        // "..;x" is ".." to an origin that drops path parameters first: it would leave /base
        assertNull(legacy.target("/legacy/..;/x", null));
        assertNull(legacy.target("/legacy/.;x/y", null));
    }

    @Test
    void aBadOriginOrTimeoutFailsTheStartWithTheKeyName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GatewayRoute("ftp://x", "/"));
        assertEquals(true, e.getMessage().contains("gatecache.gateway.origin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OriginClient(1000, 0, 1024, java.util.List.of()));
    }
}
