package io.gatecache.infinispan;

import io.gatecache.spi.ResponseStore;
import io.gatecache.spi.ResponseStoreContract;
import io.gatecache.testing.SettableClock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on two members of a replicated Infinispan store started from the shipped
 * configuration and clustered over JGroups TCP on loopback, once for the class (starting them is
 * the slow part): what one member writes, the contract reads through the other.
 */
class InfinispanReplicatedStoreContractTest extends ResponseStoreContract {

    private static final String CONFIG = "gatecache/infinispan-replicated.xml";
    private static final SettableClock CLOCK = new SettableClock(START_MILLIS);
    private static TwoNodes nodes;

    @BeforeAll
    static void start() {
        nodes = new TwoNodes(CONFIG, CLOCK, MAX_VARIANTS);
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Override
    protected ResponseStore first() {
        return nodes.a;
    }

    @Override
    protected ResponseStore second() {
        return nodes.b;
    }

    @Override
    protected SettableClock clock() {
        return CLOCK;
    }

    @Override
    protected Sharing sharing() {
        return Sharing.REPLICATED;
    }

    /** A member of a replicated store of its own (the pair is shared by every test): stopping it touches nothing else. */
    @Override
    protected Optional<ResponseStore> storeToStop() {
        return Optional.of(TwoNodes.alone(CONFIG, CLOCK, MAX_VARIANTS));
    }
}
