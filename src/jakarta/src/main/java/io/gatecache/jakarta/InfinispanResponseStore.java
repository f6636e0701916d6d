package io.gatecache.jakarta;

import io.gatecache.core.ResponseStore;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.parsing.ParserRegistry;
import org.infinispan.manager.DefaultCacheManager;

/**
 * The store in an embedded Infinispan cache, configured by an Infinispan XML file (a classpath
 * resource or a file path). Each key's variants are replaced atomically with {@code compute}.
 * Every failure reads as "nothing stored" and is logged, so the request goes to the origin.
 */
final class InfinispanResponseStore implements ResponseStore {

    private static final Logger LOG = Logger.getLogger(InfinispanResponseStore.class.getName());

    private final DefaultCacheManager manager;
    private final Cache<String, VariantList> cache;
    private final Statistics statistics;
    private final int maxVariants;
    private volatile boolean failing;

    private InfinispanResponseStore(DefaultCacheManager manager, Cache<String, VariantList> cache,
            Statistics statistics, int maxVariants) {
        this.manager = manager;
        this.cache = cache;
        this.statistics = statistics;
        this.maxVariants = maxVariants;
    }

    /** Starts the cache manager from an XML file, registering the entry schema. */
    static InfinispanResponseStore start(String config, String cacheName, Statistics statistics, int maxVariants) {
        ClassLoader loader = InfinispanResponseStore.class.getClassLoader();
        URL url = resolve(config, loader);
        DefaultCacheManager manager = null;
        try {
            ConfigurationBuilderHolder holder = new ParserRegistry(loader).parse(url);
            holder.getGlobalConfigurationBuilder().classLoader(loader).serialization()
                    .addContextInitializer(new GatecacheSchemaImpl());
            manager = new DefaultCacheManager(holder, true);
            Cache<String, VariantList> cache = manager.getCache(cacheName, false);
            if (cache == null) {
                throw new IllegalStateException("Gatecache: the store configuration " + config
                        + " defines no cache named '" + cacheName + "' (gatecache.store.cache)");
            }
            return new InfinispanResponseStore(manager, cache, statistics, maxVariants);
        } catch (IOException | RuntimeException e) {
            if (manager != null) {
                manager.stop();
            }
            throw new IllegalStateException("Gatecache: cannot start the store from " + config + ": " + e.getMessage(),
                    e);
        }
    }

    private static URL resolve(String config, ClassLoader loader) {
        try {
            Path file = Path.of(config);
            if (Files.isRegularFile(file)) {
                return file.toUri().toURL();
            }
        } catch (IOException | RuntimeException ignored) {
            // not a file path: try the classpath
        }
        URL url = loader.getResource(config);
        if (url == null) {
            throw new IllegalStateException("Gatecache: store configuration '" + config
                    + "' is neither a file nor a classpath resource (gatecache.store.config)");
        }
        return url;
    }

    @Override
    public List<StoredResponse> get(String key) {
        try {
            VariantList v = cache.get(key);
            recovered();
            return v == null ? List.of() : v.getVariants();
        } catch (RuntimeException e) {
            failed("read " + key, e);
            return List.of();
        }
    }

    @Override
    public void put(String key, StoredResponse variant, long lifespanMillis) {
        try {
            cache.compute(key, (k, old) -> new VariantList(
                    Variants.withVariant(old == null ? null : old.getVariants(), variant, maxVariants)),
                    lifespanMillis, TimeUnit.MILLISECONDS);
            recovered();
        } catch (RuntimeException e) {
            failed("write " + key, e);
        }
    }

    @Override
    public boolean remove(String key) {
        try {
            return cache.remove(key) != null;
        } catch (RuntimeException e) {
            failed("remove " + key, e);
            return false;
        }
    }

    @Override
    public void clear() {
        try {
            cache.clear();
        } catch (RuntimeException e) {
            failed("clear", e);
        }
    }

    @Override
    public long size() {
        try {
            return cache.size();
        } catch (RuntimeException e) {
            failed("size", e);
            return 0;
        }
    }

    private void failed(String what, RuntimeException e) {
        statistics.storeErrors.increment();
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "Gatecache store failed to " + what + "; requests go to the origin", e);
        } else {
            LOG.log(Level.FINE, "Gatecache store failed to " + what, e);
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("Gatecache store answers again");
        }
    }

    void stop() {
        try {
            manager.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Gatecache store stop", e);
        }
    }
}
