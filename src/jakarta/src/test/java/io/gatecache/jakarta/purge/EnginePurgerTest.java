package io.gatecache.jakarta.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.api.PurgeNotRecordedException;
import io.gatecache.api.TooManyBansException;
import io.gatecache.core.purge.PurgeLedger;
import io.gatecache.core.purge.PurgeRequest;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.MemoryResponseStore;
import io.gatecache.engine.PurgeResult;
import io.gatecache.engine.config.SettingsReader;
import io.gatecache.engine.config.Source;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import io.gatecache.spi.ResponseStore;
import jakarta.servlet.ServletContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine's purge failures reach a {@code CachePurger} caller as the API's exceptions, each
 * for what went wrong, with the message a purge over HTTP answers.
 */
class EnginePurgerTest {

    private final Clock clock = Clock.systemUTC();

    /** The purger of a cache running on a store. */
    private EnginePurger purger(ResponseStore store) {
        CacheEngine engine = new CacheEngine(SettingsReader.read(Source.of(Map.of())), store, clock, "");
        GatecacheRuntime runtime = new GatecacheRuntime(engine, store, null, null, null, null);
        EnginePurger purger = new EnginePurger();
        purger.context = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> method.getName().equals("getAttribute")
                        && GatecacheRuntime.ATTRIBUTE.equals(args[0]) ? runtime : null);
        return purger;
    }

    /** A store that records every purge on this node only, as a clustered one whose peers did not answer. */
    private ResponseStore recordingOnThisNodeOnly() {
        MemoryResponseStore memory = new MemoryResponseStore(clock, 8);
        return (ResponseStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResponseStore.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(memory, args);
                        return switch (method.getName()) {
                            case "invalidateTags", "ban", "invalidateAll" -> false;
                            default -> result;
                        };
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aPurgeNotRecordedForEveryNodeIsAPurgeNotRecordedExceptionSayingRetry() {
        ResponseStore store = recordingOnThisNodeOnly();
        EnginePurger purger = purger(store);
        List<Runnable> purges = List.of(() -> purger.purgeTags(Set.of("c55")), () -> purger.softPurgeTags(Set.of("c55")),
                () -> purger.ban("^/site/"), purger::purgeAll);
        for (Runnable purge : purges) {
            PurgeNotRecordedException e = assertThrows(PurgeNotRecordedException.class, purge::run);
            assertInstanceOf(IllegalStateException.class, e, "caught as before, by IllegalStateException");
            assertEquals(new CacheEngine(SettingsReader.read(Source.of(Map.of())), store, clock, "").purger()
                    .purge(new PurgeRequest.All(), "127.0.0.1").message(), e.getMessage(), "the message PURGE answers with 503");
            assertTrue(e.getMessage().contains("retry"), e.getMessage());
        }
    }

    @Test
    void aBanPastTheMostInForceIsATooManyBansException() {
        EnginePurger purger = purger(new MemoryResponseStore(clock, 8));
        for (int i = 0; i < PurgeLedger.MAX_BANS; i++) {
            purger.ban("^/ban-" + i + "$");
        }
        TooManyBansException e = assertThrows(TooManyBansException.class, () -> purger.ban("^/one-more$"));
        assertTrue(e.getMessage().contains(PurgeLedger.MAX_BANS + " bans are in force already"), e.getMessage());
    }

    @Test
    void aBanThatIsNotARegularExpressionIsAnIllegalArgumentException() {
        assertThrows(IllegalArgumentException.class, () -> purger(new MemoryResponseStore(clock, 8)).ban("("));
    }

    @Test
    void aPurgeWithNoCacheRunningSaysSo() {
        EnginePurger purger = new EnginePurger();
        IllegalStateException e = assertThrows(IllegalStateException.class, purger::purgeAll);
        assertFalse(e instanceof PurgeNotRecordedException);
        assertEquals("Gatecache is not running in this application", e.getMessage());
    }

    @Test
    void aBanOverHttpPastTheMostInForceIsStillA400() {
        ResponseStore store = new MemoryResponseStore(clock, 8);
        CacheEngine engine = new CacheEngine(SettingsReader.read(Source.of(Map.of())), store, clock, "");
        for (int i = 0; i < PurgeLedger.MAX_BANS; i++) {
            engine.purger().ban("^/ban-" + i + "$", null, null);
        }
        PurgeResult r = engine.purger().purge(new PurgeRequest.Ban("^/one-more$", null, null), "127.0.0.1");
        assertEquals(400, r.status());
        assertTrue(r.message().contains("bans are in force already"), r.message());
    }
}
