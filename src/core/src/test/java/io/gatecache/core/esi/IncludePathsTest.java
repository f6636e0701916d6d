package io.gatecache.core.esi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The path of this application an include names, or none. */
class IncludePathsTest {

    @Test
    void relativeAndAbsolutePathsResolveAgainstThePage() {
        assertEquals("/app/site/fragments/ticker", IncludePaths.key("/app/site/news", "fragments/ticker", "/app"));
        assertEquals("/app/f?x=1", IncludePaths.key("/app/site/news", "/app/f?x=1", "/app"));
        assertEquals("/f", IncludePaths.key("/p", "../f", ""));
    }

    @Test
    void aPathThatWouldNameAnotherHostOrLeaveTheApplicationNamesNone() {
        assertNull(IncludePaths.key("/p", "/.//evil.example/x", ""));
        assertNull(IncludePaths.key("/p", "/..//evil.example/x", ""));
        assertNull(IncludePaths.key("/p", "//evil.example/x", ""));
        assertNull(IncludePaths.key("/app/p", "/other/x", "/app"));
        assertNull(IncludePaths.key("/app/p", "../../other", "/app"));
        assertNull(IncludePaths.key("/p", "http://evil.example/x", ""));
    }
}
