package io.gatecache.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.engine.Stores;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an application with Gatecache has to choose from with {@code gatecache.store}. */
class StoresOnTheClassPathTest {

    @Test
    void theInfinispanAndMemoryStoresAreFoundAndInfinispanIsTheDefault() {
        Set<String> found = Stores.found(getClass().getClassLoader()).keySet();
        assertEquals(Set.of("infinispan", "memory"), found);
        assertTrue(found.contains(io.gatecache.engine.config.Keys.DEFAULT_STORE));
    }
}
