package io.gatecache.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.spi.ResponseStore;
import io.gatecache.spi.ResponseStoreProvider;
import io.gatecache.testing.SettableClock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Infinispan store as {@code gatecache.store=infinispan}, with its own settings. */
class InfinispanStoreProviderTest {

    private final SettableClock clock = new SettableClock(1_000_000);

    private static ResponseStoreProvider.Options options(SettableClock clock, Map<String, String> settings) {
        return new ResponseStoreProvider.Options(clock, 4, 60_000, key -> Optional.ofNullable(settings.get(key)));
    }

    @Test
    void theLocalXmlIsTheDefault() {
        ResponseStore store = new InfinispanStoreProvider().start(options(clock, Map.of()));
        try {
            assertInstanceOf(InfinispanResponseStore.class, store);
            assertEquals(ResponseStore.Membership.LOCAL, store.membership());
        } finally {
            store.close();
        }
    }

    @Test
    void aClusteredStoreIsSealedWithTheSecretItIsStartedWith() {
        ResponseStore store = TwoNodes.alone(() -> new InfinispanStoreProvider().start(new ResponseStoreProvider.Options(
                clock, 4, 60_000, key -> Optional.ofNullable(Map.of("config", "gatecache/infinispan-replicated.xml")
                        .get(key)), Optional.of(TwoNodes.SECRET))));
        try {
            assertNotNull(TwoNodes.channel((InfinispanResponseStore) store).getProtocolStack()
                    .findProtocol(SealingProtocol.class), "the seal above the transport");
        } finally {
            store.close();
        }
    }

    @Test
    void anXmlThatIsNowhereStopsTheStartNamingTheKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new InfinispanStoreProvider().start(options(clock, Map.of("config", "nowhere.xml"))));
        assertTrue(e.getMessage().contains("gatecache.store.config"), e.getMessage());
    }
}
