package io.gatecache.engine;

import io.gatecache.spi.ResponseStore;
import io.gatecache.spi.ResponseStoreContract;
import io.gatecache.testing.SettableClock;

/**
 * The store contract on the memory store: one instance per test, which engines in one JVM share
 * as nodes share a clustered store (its claims are theirs), so both nodes are that instance.
 */
class MemoryResponseStoreContractTest extends ResponseStoreContract {

    private final SettableClock clock = new SettableClock(START_MILLIS);
    private final MemoryResponseStore store = new MemoryResponseStore(clock, MAX_VARIANTS);

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
        return clock;
    }

    @Override
    protected Sharing sharing() {
        return Sharing.PROCESS;
    }
}
