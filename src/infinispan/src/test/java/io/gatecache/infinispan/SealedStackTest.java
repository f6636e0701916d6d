package io.gatecache.infinispan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgroups.conf.ProtocolConfiguration;
import org.jgroups.conf.XmlConfigurator;
import org.junit.jupiter.api.Test;

/** Which JGroups stacks keep out, by themselves, those without their keys (no warning for them without a secret). */
class SealedStackTest {

    private static ProtocolConfiguration p(String name, String... properties) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            map.put(properties[i], properties[i + 1]);
        }
        return new ProtocolConfiguration(name, map);
    }

    @Test
    void theShippedStackDoesNot() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("gatecache/jgroups-tcp.xml")) {
            assertFalse(SealedStack.protectsItself(XmlConfigurator.getInstance(in).getProtocolStack()));
        }
    }

    @Test
    void aSharedKeyOrAuthenticatedKeyExchangeOrTlsWithClientCertificatesDo() {
        assertTrue(SealedStack.protectsItself(List.of(p("TCP"), p("SYM_ENCRYPT"), p("pbcast.GMS"))));
        assertTrue(SealedStack.protectsItself(List.of(p("TCP"), p("org.jgroups.protocols.SYM_ENCRYPT"))));
        assertTrue(SealedStack.protectsItself(List.of(p("TCP"), p("ASYM_ENCRYPT"), p("AUTH"), p("pbcast.GMS"))));
        assertTrue(SealedStack.protectsItself(List.of(p("TCP", "tls.enabled", "true", "tls.client_auth", "NEED"))));
    }

    @Test
    void aKeyAnyoneMayAskForOrTlsThatAsksNoCertificateDoNot() {
        assertFalse(SealedStack.protectsItself(List.of(p("TCP"), p("ASYM_ENCRYPT"), p("pbcast.GMS"))));
        assertFalse(SealedStack.protectsItself(List.of(p("TCP"), p("AUTH"), p("pbcast.GMS"))));
        assertFalse(SealedStack.protectsItself(List.of(p("TCP", "tls.enabled", "true"))));
        assertFalse(SealedStack.protectsItself(List.of(p("TCP", "tls.enabled", "false", "tls.client_auth", "NEED"))));
    }
}
