package io.gatecache.engine;

import io.gatecache.spi.ResponseStore;
import io.gatecache.spi.ResponseStoreProvider;
import java.time.Clock;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kinds of store found on the application's class path ({@link ResponseStoreProvider}s), and
 * the one {@code gatecache.store} names started: Infinispan by default, or this JVM's memory.
 */
public final class Stores {

    private static final Logger LOG = Logger.getLogger(Stores.class.getName());

    private Stores() {
    }

    /** The store providers a class loader finds, by name (the first of a name wins). */
    public static SortedMap<String, ResponseStoreProvider> found(ClassLoader loader) {
        SortedMap<String, ResponseStoreProvider> found = new TreeMap<>();
        ServiceLoader.load(ResponseStoreProvider.class, loader).stream().forEach(provider -> {
            try {
                ResponseStoreProvider p = provider.get();
                found.putIfAbsent(p.name(), p);
            } catch (ServiceConfigurationError e) {
                LOG.log(Level.WARNING, "Gatecache: a store provider could not be loaded: " + provider.type(), e);
            }
        });
        return found;
    }

    /**
     * Starts the store the settings name.
     *
     * @param loader the application's class loader, where the providers are looked for
     * @throws IllegalArgumentException when no store of that name is found, or one of its
     *         settings is not valid
     * @throws IllegalStateException when the store cannot start
     */
    public static ResponseStore start(Settings settings, Clock clock, ClassLoader loader) {
        SortedMap<String, ResponseStoreProvider> found = found(loader);
        ResponseStoreProvider provider = found.get(settings.store().name());
        if (provider == null) {
            throw new IllegalArgumentException("Gatecache: gatecache.store is '" + settings.store().name()
                    + "'; the stores on the class path are " + String.join(", ", found.keySet())
                    + " (a store of another kind is a jar with an io.gatecache.spi.ResponseStoreProvider)");
        }
        return provider.start(new ResponseStoreProvider.Options(clock, settings.store().maxVariants(),
                settings.purging().maxLifespanMillis(), key -> Optional.ofNullable(settings.store().settings().get(key)),
                settings.store().clusterSecret()));
    }
}
