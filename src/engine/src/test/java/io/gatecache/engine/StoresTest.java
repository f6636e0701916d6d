package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheOptions;
import io.gatecache.spi.ResponseStore;
import io.gatecache.testing.SettableClock;
import org.junit.jupiter.api.Test;

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
    void aStoreNotOnTheClassPathStopsTheStartNamingTheKeyAndWhatIsThere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stores.start(store("redis"), clock, getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("gatecache.store is 'redis'"), e.getMessage());
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
    }
}
