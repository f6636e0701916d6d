package io.gatecache.core.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextRuleTest {

    private final ContextRule app = new ContextRule("X-User-Hash", "/site/_fos_user_context_hash", false);
    private final ContextRule gateway = new ContextRule("X-User-Hash", "/_fos_user_context_hash", true);

    private static ContextRule.Request get(String path) {
        return new ContextRule.Request("GET", path, null, null, null, null, null, false);
    }

    private static ContextRule.Request with(ContextRule.Request r, String hash, String accept, String authorization,
            String cookie, String session, boolean trusted) {
        return new ContextRule.Request(r.method(), r.path(), hash, accept, authorization, cookie, session, trusted);
    }

    @Test
    void anAnonymousRequestHasTheAnonymousHashAtOnce() {
        ContextRule.Resolution r = app.resolve(get("/site/location/2"));
        assertEquals(ContextRule.Kind.ANONYMOUS, r.kind());
        assertEquals(ContextHash.ANONYMOUS, r.value());
        assertEquals(ContextRule.Kind.ANONYMOUS,
                app.resolve(with(get("/p"), null, null, null, "theme=dark; JSESSIONID=gone", null, false)).kind(),
                "a session the container does not know is no session");
    }

    @Test
    void aSessionOrCredentialsAreKeyedNeverHeldInTheKey() {
        ContextRule.Resolution session = app.resolve(with(get("/p"), null, null, null, "JSESSIONID=abc", "abc", false));
        assertEquals(ContextRule.Kind.KEYED, session.kind());
        assertEquals("s:abc", session.value());
        assertEquals("s:abc", ContextRule.sessionKey("abc.node-1"), "a server's route is not part of the key");
        ContextRule.Resolution basic = app.resolve(with(get("/p"), null, null, "Basic cmVhZGVyMTpyZWFkZXIx", null,
                null, false));
        assertEquals(ContextRule.Kind.KEYED, basic.kind());
        assertFalse(basic.value().contains("cmVhZGVyMTpyZWFkZXIx"));
        assertNotEquals(basic.value(), app.resolve(with(get("/p"), null, null, "Basic other", null, null, false)).value());
    }

    @Test
    void aHashFieldIsRefusedUnlessATrustedProxySentIt() {
        assertEquals(ContextRule.Kind.REFUSED, app.resolve(with(get("/p"), "anything", null, null, null, null, false)).kind());
        assertEquals(ContextRule.Kind.REFUSED, app.resolve(new ContextRule.Request("POST", "/p", "x", null, null, null,
                null, false)).kind());
        ContextRule.Resolution given = app.resolve(with(get("/p"), "abc", null, null, "JSESSIONID=s", "s", true));
        assertEquals(ContextRule.Kind.GIVEN, given.kind());
        assertEquals("abc", given.value());
    }

    @Test
    void theLookupIsAnsweredOnItsPathOnlyForTheRequestsOwnSession() {
        String accept = "application/vnd.fos.user-context-hash";
        ContextRule.Resolution lookup = app.resolve(with(get("/site/_fos_user_context_hash"), null, accept, null,
                "JSESSIONID=abc", "abc", false));
        assertTrue(lookup.lookup());
        assertEquals("s:abc", lookup.value());
        assertEquals(ContextRule.Kind.REFUSED, app.resolve(with(get("/site/location/2"), null, accept, null, null,
                null, false)).kind());
        assertEquals(ContextRule.Kind.REFUSED, app.resolve(new ContextRule.Request("POST",
                "/site/_fos_user_context_hash", null, accept, null, null, null, false)).kind());
        assertFalse(app.resolve(get("/site/_fos_user_context_hash")).lookup(), "without the type it is a page");
    }

    @Test
    void onlyReadsHaveAHash() {
        assertEquals(ContextRule.Kind.NONE, app.resolve(new ContextRule.Request("POST", "/site/login", null, null,
                null, "JSESSIONID=abc", "abc", false)).kind());
    }

    @Test
    void inGatewayModeACookieOrCredentialsLeaveNoHash() {
        assertEquals(ContextRule.Kind.ANONYMOUS, gateway.resolve(get("/p")).kind());
        assertEquals(ContextRule.Kind.NONE, gateway.resolve(with(get("/p"), null, null, null, "PHPSESSID=x", null,
                false)).kind());
        assertEquals(ContextRule.Kind.NONE, gateway.resolve(with(get("/p"), null, null, "Basic x", null, null,
                false)).kind());
    }

    @Test
    void theHashIsOfTheSortedPairsAndTellsPairsApart() {
        assertEquals(ContextHash.of(Map.of("roles", "reader", "level", "gold")),
                ContextHash.of(new java.util.LinkedHashMap<>(Map.of("level", "gold", "roles", "reader"))));
        assertNotEquals(ContextHash.of(Map.of("a", "bc")), ContextHash.of(Map.of("ab", "c")));
        assertNotEquals(ContextHash.ANONYMOUS, ContextHash.of(Map.of("roles", "")));
        assertEquals(64, ContextHash.ANONYMOUS.length());
    }
}
