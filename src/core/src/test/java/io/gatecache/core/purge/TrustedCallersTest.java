package io.gatecache.core.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrustedCallersTest {

    private final TrustedCallers loopback = TrustedCallers.of("127.0.0.0/8,::1", null);

    @Test
    void nobodyIsTrustedUnlessAnAddressOrATokenIsConfigured() {
        for (TrustedCallers none : new TrustedCallers[] {TrustedCallers.NOBODY, TrustedCallers.of("", null),
                TrustedCallers.of(" , ", " ")}) {
            assertFalse(none.trusts("127.0.0.1", null, false), "loopback");
            assertFalse(none.trusts("::1", "Bearer ", false));
        }
        assertTrue(loopback.trusts("127.0.0.1", null, false));
        assertTrue(TrustedCallers.of("", "s3cret").trusts("127.0.0.1", "Bearer s3cret", false));
    }

    @Test
    void configuredLoopbackIsTrusted() {
        assertTrue(loopback.trusts("127.0.0.1", null, false));
        assertTrue(loopback.trusts("127.1.2.3", null, false));
        assertTrue(loopback.trusts("0:0:0:0:0:0:0:1", null, false));
        assertTrue(loopback.trusts("::1", null, false));
    }

    @Test
    void otherAddressesAreNot() {
        assertFalse(loopback.trusts("10.0.0.1", null, false));
        assertFalse(loopback.trusts("128.0.0.1", null, false));
        assertFalse(loopback.trusts("::2", null, false));
        assertFalse(loopback.trusts("not-an-address", null, false));
        assertFalse(loopback.trusts(null, null, false));
    }

    @Test
    void networksMatchOnTheirPrefixBits() {
        TrustedCallers t = TrustedCallers.of("10.1.0.0/16, 192.168.1.128/25, fd00::/8", null);
        assertTrue(t.trusts("10.1.255.3", null, false));
        assertFalse(t.trusts("10.2.0.1", null, false));
        assertTrue(t.trusts("192.168.1.200", null, false));
        assertFalse(t.trusts("192.168.1.100", null, false));
        assertTrue(t.trusts("fd12::1", null, false));
        assertFalse(t.trusts("fe80::1", null, false));
    }

    @Test
    void theBearerTokenTrustsAnyAddressWhenSet() {
        TrustedCallers t = TrustedCallers.of("", "s3cret");
        assertTrue(t.trusts("203.0.113.9", "Bearer s3cret", false));
        assertTrue(t.trusts("203.0.113.9", "bearer  s3cret ", false));
        assertFalse(t.trusts("203.0.113.9", "Bearer wrong", false));
        assertFalse(t.trusts("203.0.113.9", "Bearer s3cre", false), "a prefix of it");
        assertFalse(t.trusts("203.0.113.9", "Bearer s3cretX", false), "longer");
        assertFalse(t.trusts("203.0.113.9", "Basic s3cret", false));
        assertFalse(t.trusts("203.0.113.9", "Bearers3cret", false));
        assertFalse(t.trusts("127.0.0.1", null, false), "no network configured");
        assertFalse(loopback.trusts("10.0.0.1", "Bearer ", false), "no token configured: none matches");
    }

    @Test
    void theTokensFieldIsReadOneWayWhateverTheServer() {
        // RFC 6750 §2.1 and RFC 9110 §11.4: the scheme in any case, then whitespace; a server
        // that keeps a tab and one that turns it into a space get the same answer
        assertEquals("s3cret", TrustedCallers.bearer("Bearer s3cret"));
        assertEquals("s3cret", TrustedCallers.bearer("Bearer\ts3cret"));
        assertEquals("s3cret", TrustedCallers.bearer(" BEARER \t s3cret\t"));
        assertNull(TrustedCallers.bearer("Bearer"));
        assertNull(TrustedCallers.bearer("Bearer \t"));
        assertNull(TrustedCallers.bearer("Token s3cret"));
        TrustedCallers t = TrustedCallers.of("", "s3cret");
        assertTrue(t.trusts("203.0.113.9", "Bearer\ts3cret", false));
    }

    @Test
    void aRequestThatCameThroughAProxyIsTrustedByItsTokenOnly() {
        assertFalse(loopback.trusts("127.0.0.1", null, true), "a proxy on the same host has a loopback address");
        TrustedCallers t = TrustedCallers.of("127.0.0.0/8,::1", "s3cret");
        assertTrue(t.trusts("127.0.0.1", "Bearer s3cret", true));
    }

    @Test
    void theFieldsOfAProxySettingOnlyTheClientsAddressSayProxyToo() {
        assertTrue(io.gatecache.core.HeaderRules.PROXY_FIELDS.contains("X-Real-IP"));
        assertTrue(io.gatecache.core.HeaderRules.PROXY_FIELDS.contains("X-Forwarded-Host"));
    }

    @Test
    void aMalformedEntryIsRefusedAndNoNameIsLookedUp() {
        assertThrows(IllegalArgumentException.class, () -> TrustedCallers.of("localhost", null));
        assertThrows(IllegalArgumentException.class, () -> TrustedCallers.of("10.0.0.0/33", null));
        assertThrows(IllegalArgumentException.class, () -> TrustedCallers.of("300.1.1.1", null));
    }
}
