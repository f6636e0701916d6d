package io.gatecache.payara.grizzly;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.glassfish.grizzly.http.server.util.Mapper;
import org.glassfish.grizzly.http.server.util.MappingData;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.hk2.api.ServiceLocator;
import org.glassfish.internal.grizzly.ContextMapper;

/**
 * The web applications behind one network listener, as its request mapper holds them: the one a
 * request goes to, with the cache it publishes. The mapper is the one the web container maps the
 * request with afterwards (one per listener, its contexts in arrays replaced whole on every
 * deployment), found once it exists.
 */
final class Applications {

    /** The servlet context attribute the cache publishes its plain door as (its {@code PlainFastPath.ATTRIBUTE}). */
    static final String ATTRIBUTE = "io.gatecache.fast-path.plain";

    private static final Logger LOG = Logger.getLogger(Applications.class.getName());

    private final ServiceLocator locator;
    private final String listener;
    private volatile Mapper mapper;

    Applications(ServiceLocator locator, String listener) {
        this.locator = locator;
        this.listener = listener;
    }

    /** The application a request maps to, with its cache's door and its constraints; or null. */
    Application map(String serverName, String path) {
        Mapper m = mapper();
        if (m == null) {
            return null;
        }
        DataChunk host = DataChunk.newInstance();
        host.setString(serverName);
        DataChunk uri = DataChunk.newInstance();
        uri.setString(path);
        MappingData mapped = new MappingData();
        try {
            m.map(host, uri, mapped);
        } catch (Exception e) {
            LOG.log(Level.FINE, "Gatecache: a request did not map; it goes on into the container", e);
            return null;
        }
        if (!(mapped.context instanceof Context context) || !context.getAvailable()) {
            return null;
        }
        if (!(context.getServletContext().getAttribute(ATTRIBUTE) instanceof BiFunction<?, ?, ?> door)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        BiFunction<UnaryOperator<String>, BiConsumer<String, String>, ByteBuffer> cache =
                (BiFunction<UnaryOperator<String>, BiConsumer<String, String>, ByteBuffer>) door;
        return new Application(cache, context.hasConstraints());
    }

    /** The listener's mapper, once the web container has made it. */
    private Mapper mapper() {
        Mapper m = mapper;
        if (m == null) {
            for (Mapper each : locator.getAllServices(Mapper.class)) {
                if (each instanceof ContextMapper named && listener.equals(named.getId())) {
                    mapper = m = each;
                    break;
                }
            }
        }
        return m;
    }

    /**
     * An application with the cache: its door, and whether the container has security constraints
     * for it (whose authentication runs inside the container: the cache then answers nothing here).
     */
    record Application(BiFunction<UnaryOperator<String>, BiConsumer<String, String>, ByteBuffer> door,
            boolean constrained) {
    }
}
