package io.gatecache.infinispan;

import io.gatecache.spi.ResponseStore;
import io.gatecache.spi.ResponseStoreContract;
import io.gatecache.testing.SettableClock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a local Infinispan store started from the shipped configuration, once for
 * the class: one node, whose claims are all local.
 */
class InfinispanLocalStoreContractTest extends ResponseStoreContract {

    private static final String CONFIG = "gatecache/infinispan-local.xml";
    private static final SettableClock CLOCK = new SettableClock(START_MILLIS);
    private static InfinispanResponseStore store;

    @BeforeAll
    static void start() {
        store = start(CONFIG);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private static InfinispanResponseStore start(String config) {
        return InfinispanResponseStore.start(config, "gatecache-responses", CLOCK, MAX_VARIANTS);
    }

    @Override
    protected ResponseStore first() {
        return store;
    }

    @Override
    protected ResponseStore second() {
        return store;
    }

    @Override
    protected SettableClock clock() {
        return CLOCK;
    }

    @Override
    protected Sharing sharing() {
        return Sharing.NONE;
    }

    @Override
    protected Optional<ResponseStore> storeToStop() {
        return Optional.of(start(CONFIG));
    }

    /** The test configuration whose cache holds less than any entry. */
    @Override
    protected Optional<ResponseStore> tooSmallStore() {
        return Optional.of(start("gatecache-test/infinispan-tiny.xml"));
    }
}
