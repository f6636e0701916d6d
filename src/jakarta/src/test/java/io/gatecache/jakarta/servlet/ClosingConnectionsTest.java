package io.gatecache.jakarta.servlet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** A connection marked as closing refuses what comes behind on it, and only on it. */
class ClosingConnectionsTest {

    /** A request on a connection with an id, as the container gives it. */
    private static ServletRequest on(String protocol, String connectionId) {
        ServletConnection connection = (ServletConnection) Proxy.newProxyInstance(
                ClosingConnectionsTest.class.getClassLoader(), new Class<?>[] {ServletConnection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnectionId" -> connectionId;
                    case "getProtocol" -> protocol;
                    default -> null;
                });
        return (ServletRequest) Proxy.newProxyInstance(ClosingConnectionsTest.class.getClassLoader(),
                new Class<?>[] {ServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProtocol" -> protocol;
                    case "getServletConnection" -> connection;
                    default -> null;
                });
    }

    @Test
    void aRequestOnAMarkedConnectionIsRefusedAndOneOnAnotherIsNot() {
        ClosingConnections.mark(on("HTTP/1.1", "1001"));
        assertTrue(ClosingConnections.closing(on("HTTP/1.1", "1001")));
        assertFalse(ClosingConnections.closing(on("HTTP/1.1", "1002")));
    }

    @Test
    void aConnectionThatSharesTheMarksSlotIsNeverTakenForTheMarkedOne() {
        long id = 5_000;
        ClosingConnections.mark(on("HTTP/1.1", String.valueOf(id)));
        // the same slot, another connection: compared whole
        assertFalse(ClosingConnections.closing(on("HTTP/1.1", String.valueOf(id + ClosingConnections.SLOTS))));
        // a later connection in the slot takes it: the older mark is lost, never another refused
        ClosingConnections.mark(on("HTTP/1.1", String.valueOf(id + ClosingConnections.SLOTS)));
        assertTrue(ClosingConnections.closing(on("HTTP/1.1", String.valueOf(id + ClosingConnections.SLOTS))));
        assertFalse(ClosingConnections.closing(on("HTTP/1.1", String.valueOf(id))));
    }

    @Test
    void streamsOfOneHttp2ConnectionAndConnectionsWithoutANumberAreNeverMarked() {
        ClosingConnections.mark(on("HTTP/2.0", "7001"));
        assertFalse(ClosingConnections.closing(on("HTTP/2.0", "7001")));
        ClosingConnections.mark(on("HTTP/1.1", "not-a-number"));
        assertFalse(ClosingConnections.closing(on("HTTP/1.1", "not-a-number")));
        ClosingConnections.mark(on("HTTP/1.1", null));
        assertFalse(ClosingConnections.closing(on("HTTP/1.1", null)));
    }
}
