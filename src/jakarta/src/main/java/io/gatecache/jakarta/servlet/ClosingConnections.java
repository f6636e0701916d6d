package io.gatecache.jakarta.servlet;

import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletRequest;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The connections whose last answer closes them: every later request on one is refused before any
 * of the application, or the cache, runs. A container may already hold bytes sent behind the
 * request on the connection, and run them as a request of its own after the answer that closes
 * it (Grizzly, under Payara, does: it parses what is buffered whatever the connection's state),
 * so {@code Connection: close} from the servlet layer is not enough.
 *
 * <p>Connections are told apart by their Servlet 6 connection id (a number unique in the JVM on
 * Payara and WildFly), kept in a ring of {@value #SLOTS} slots indexed by the id's low bits, so the
 * memory is fixed whatever the traffic, and an id is compared whole: a connection that was never
 * marked is never refused. A mark is lost only once {@value #SLOTS} later connections were marked
 * meanwhile; it is made as the request arrives and again when its answer ends, and what the
 * container holds behind it runs right then. HTTP/2 streams share a connection, and are not
 * marked.
 */
final class ClosingConnections {

    static final int SLOTS = 1 << 16;
    private static final AtomicLongArray MARKED = new AtomicLongArray(SLOTS);

    private ClosingConnections() {
    }

    /** Marks the request's connection as closing: no later request on it runs. */
    static void mark(ServletRequest req) {
        long id = id(req);
        if (id > 0) {
            MARKED.set(slot(id), id);
        }
    }

    /** Whether the request came on a connection marked as closing: it arrived behind the answer that closes it. */
    static boolean closing(ServletRequest req) {
        return closing(id(req));
    }

    /** Whether the connection with this id (the Servlet 6 connection id, as a number) is marked as closing. */
    static boolean closing(long id) {
        return id > 0 && MARKED.get(slot(id)) == id;
    }

    private static int slot(long id) {
        return (int) (id & (SLOTS - 1));
    }

    /** The connection's id, or -1 when it has none this can use. */
    private static long id(ServletRequest req) {
        String protocol = req.getProtocol();
        if (protocol == null || !protocol.startsWith("HTTP/1.")) {
            return -1;
        }
        try {
            ServletConnection connection = req.getServletConnection();
            return connection == null ? -1 : Long.parseLong(connection.getConnectionId());
        } catch (RuntimeException unknown) {
            // no id, or one that is not a number: nothing is marked or refused
            return -1;
        }
    }
}
