package io.gatecache.core.purge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrustedCallersTest {

    private final TrustedCallers defaults = TrustedCallers.of(TrustedCallers.DEFAULT_ADDRESSES, null);

    @Test
    void loopbackIsTrustedByDefault() {
        assertTrue(defaults.trusts("127.0.0.1", null, false));
        assertTrue(defaults.trusts("127.1.2.3", null, false));
        assertTrue(defaults.trusts("0:0:0:0:0:0:0:1", null, false));
        assertTrue(defaults.trusts("::1", null, false));
    }

    @Test
    void otherAddressesAreNot() {
        assertFalse(defaults.trusts("10.0.0.1", null, false));
        assertFalse(defaults.trusts("128.0.0.1", null, false));
        assertFalse(defaults.trusts("::2", null, false));
        assertFalse(defaults.trusts("not-an-address", null, false));
        assertFalse(defaults.trusts(null, null, false));
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
        assertFalse(t.trusts("203.0.113.9", "Basic s3cret", false));
        assertFalse(t.trusts("127.0.0.1", null, false), "no network configured");
        assertFalse(defaults.trusts("10.0.0.1", "Bearer ", false), "no token configured: none matches");
    }

    @Test
    void aRequestThatCameThroughAProxyIsTrustedByItsTokenOnly() {
        assertFalse(defaults.trusts("127.0.0.1", null, true), "a proxy on the same host has a loopback address");
        TrustedCallers t = TrustedCallers.of(TrustedCallers.DEFAULT_ADDRESSES, "s3cret");
        assertTrue(t.trusts("127.0.0.1", "Bearer s3cret", true));
    }

    @Test
    void aMalformedEntryIsRefusedAndNoNameIsLookedUp() {
        assertThrows(IllegalArgumentException.class, () -> TrustedCallers.of("localhost", null));
        assertThrows(IllegalArgumentException.class, () -> TrustedCallers.of("10.0.0.0/33", null));
        assertThrows(IllegalArgumentException.class, () -> TrustedCallers.of("300.1.1.1", null));
    }
}
