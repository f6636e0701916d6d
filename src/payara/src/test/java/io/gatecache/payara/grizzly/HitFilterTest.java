package io.gatecache.payara.grizzly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The paths the Grizzly door looks at: those the web container takes as they are. */
class HitFilterTest {

    @Test
    void aPathTheContainerTakesAsItIsIsLookedAt() {
        for (String path : new String[] {"/", "/api/bench/cached", "/a/", "/a/b.html", "/a/.well-known/x", "/a/..b",
            "/a/b..", "/~user", "/a-b_c"}) {
            assertTrue(HitFilter.plain(path), path);
        }
    }

    @Test
    void aPathTheContainerDecodesCutsOrNormalisesGoesOnToIt() {
        for (String path : new String[] {"", "a", "//a", "/a//b", "/a/./b", "/a/../b", "/a/.", "/a/..", "/.", "/..",
            "/a%2Fb", "/%61", "/a;jsessionid=1", "/a\\b", "/a b", "/a\tb", "/caf\u00e9", "/a\u007f"}) {
            assertFalse(HitFilter.plain(path), path);
        }
        assertFalse(HitFilter.plain(null));
    }
}
