package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheOptions;
import io.gatecache.engine.config.SettingsReader;
import io.gatecache.engine.config.Source;
import io.gatecache.spi.ResponseStore;
import io.gatecache.spi.ResponseStoreProvider;
import io.gatecache.testing.SettableClock;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store {@code gatecache.store} names, found on the class path. */
class StoresTest {

    private final SettableClock clock = new SettableClock(1_000_000);

    private static Settings store(String name) {
        return TestSettings.settings(CacheOptions.DEFAULTS, 10_000, false, true, name);
    }

    @Test
    void theMemoryStoreIsFoundAndStarted() {
        ResponseStore store = Stores.start(store("memory"), clock, getClass().getClassLoader());
        assertInstanceOf(MemoryResponseStore.class, store);
    }

    @Test
    void aStoreIsStartedWithItsOwnSettingsAndTheClusterSecret(@TempDir Path jar) throws Exception {
        Path services = jar.resolve("META-INF/services/" + ResponseStoreProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, Recording.class.getName() + "\n");
        Settings settings = SettingsReader.read(Source.of(Map.of("gatecache.store", "recording",
                "gatecache.store.config", "my.xml", "gatecache.cluster.secret", "the-secret-of-the-members")));
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                getClass().getClassLoader())) {
            Stores.start(settings, clock, loader);
        }
        ResponseStoreProvider.Options options = Recording.STARTED.get();
        assertEquals("my.xml", options.setting().apply("config").orElseThrow());
        assertSame(settings.store().clusterSecret().orElseThrow(), options.clusterSecret().orElseThrow());
    }

    /** A kind of store that keeps what it was started with. */
    public static final class Recording implements ResponseStoreProvider {
        static final AtomicReference<Options> STARTED = new AtomicReference<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public ResponseStore start(Options options) {
            STARTED.set(options);
            return new MemoryResponseStore(options.clock(), options.maxVariants());
        }
    }

    @Test
    void aStoreNotOnTheClassPathStopsTheStartNamingTheKeyAndWhatIsThere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stores.start(store("redis"), clock, getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("gatecache.store is 'redis'"), e.getMessage());
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
    }
}
