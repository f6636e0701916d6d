package io.gatecache.core.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.Headers;
import java.util.List;
import org.junit.jupiter.api.Test;

class HiddenContextTest {

    @Test
    void varyLosesTheHashNameAndKeepsTheOthersInOrder() {
        assertEquals("Accept-Encoding, Cookie", HiddenContext.varyWithout("Accept-Encoding, x-user-hash ,Cookie", "X-User-Hash"));
        assertNull(HiddenContext.varyWithout("X-User-Hash", "X-User-Hash"));
        assertEquals("Accept", HiddenContext.varyWithout("Accept", "X-User-Hash"));
        assertTrue(HiddenContext.varies("Accept, X-USER-HASH", "X-User-Hash"));
        assertFalse(HiddenContext.varies("X-User-Hash-Not", "X-User-Hash"));
    }

    @Test
    void aClientGetsNeitherTheFieldNorItsNameInVary() {
        Headers stored = Headers.builder().add("Content-Type", "text/html").add("Vary", "Accept")
                .add("Vary", "X-User-Hash").add("X-User-Hash", "abc").add("ETag", "\"1\"").build();
        Headers shown = HiddenContext.forClient(stored, "X-User-Hash");
        assertEquals(List.of("Accept"), shown.all("Vary"));
        assertFalse(shown.contains("X-User-Hash"));
        assertEquals("\"1\"", shown.get("ETag"));
        Headers onlyHash = HiddenContext.forClient(Headers.of("Vary", "x-user-hash"), "X-User-Hash");
        assertFalse(onlyHash.contains("Vary"));
        Headers plain = Headers.of("Vary", "Accept");
        assertSame(plain, HiddenContext.forClient(plain, "X-User-Hash"));
    }

    @Test
    void theSessionCookieIsReadOnlyWhenItIsNamedOnce() {
        assertEquals("abc", SessionCookie.value("theme=dark; JSESSIONID=abc", "JSESSIONID"));
        assertEquals("abc", SessionCookie.value("JSESSIONID=\"abc\"", "JSESSIONID"));
        assertNull(SessionCookie.value("JSESSIONID=a; JSESSIONID=b", "JSESSIONID"));
        assertNull(SessionCookie.value("XJSESSIONID=a", "JSESSIONID"));
        assertNull(SessionCookie.value("JSESSIONID=", "JSESSIONID"));
        assertTrue(SessionCookie.named("JSESSIONID=", "JSESSIONID"));
        assertFalse(SessionCookie.named(null, "JSESSIONID"));
    }

    @Test
    void localHashesExpireAndStayBounded() {
        long[] now = {1_000};
        LocalContextHashes hashes = new LocalContextHashes(() -> now[0], 10);
        hashes.put("s:1", "h1", "reader1", 600_000);
        hashes.put("s:2", "h1", "reader1", 600_000);
        hashes.put("s:3", "h2", "reader2", 600_000);
        assertEquals("h1", hashes.get("s:1"));
        hashes.forgetUser("reader1");
        assertNull(hashes.get("s:1"));
        assertNull(hashes.get("s:2"));
        assertEquals("h2", hashes.get("s:3"));
        now[0] += 600_000;
        assertNull(hashes.get("s:3"), "expired");
        for (int i = 0; i < 1_000; i++) {
            hashes.put("a:" + i, "h", null, 600_000);
        }
        assertTrue(hashes.size() <= 10, "at most ten: " + hashes.size());
        hashes.forgetAll();
        assertEquals(0, hashes.size());
    }
}
