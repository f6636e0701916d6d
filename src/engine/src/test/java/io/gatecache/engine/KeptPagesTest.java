package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatecache.core.CacheOptions;
import io.gatecache.spi.ResponseStore;
import io.gatecache.testing.SettableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An assembled ESI page kept whole ({@link KeptPages}): its next delivery reads the page alone of
 * the store, and gives the same bytes and fields as an assembly would; a refresh, a purge (of its
 * URL, of a tag) or the expiry of a part, or a request with directives, has it assembled again.
 */
class KeptPagesTest {

    private static final String ORIGIN = "http://example.org";
    private final SettableClock clock = new SettableClock(1_700_000_000_000L);
    private final MemoryResponseStore memory = new MemoryResponseStore(clock, 16);
    /** The store's reads, by key. */
    private final Map<String, AtomicInteger> reads = new java.util.concurrent.ConcurrentHashMap<>();
    private final ResponseStore store = (ResponseStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ResponseStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("get")) {
                    reads.computeIfAbsent((String) args[0], k -> new AtomicInteger()).incrementAndGet();
                }
                try {
                    return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final CacheEngine engine = new CacheEngine(
            TestSettings.settings(CacheOptions.DEFAULTS, 10_000, false, true), store, clock, "");

    private final EngineRequests requests = new EngineRequests(engine, ORIGIN);

    private void stored(String path, String body, Set<String> tags, String... fields) {
        requests.stored(path, body, tags, fields);
    }

    private Answer deliver(String path, String... fields) {
        return requests.deliver(path, fields);
    }

    /** The store's reads of a key since the last call. */
    private int readsOf(String key) {
        AtomicInteger n = reads.remove(key);
        return n == null ? 0 : n.get();
    }

    private void storedPage() {
        stored("/f/one", "(one)", Set.of("one"), "Cache-Control", "public, s-maxage=60");
        stored("/f/two", "(two)", Set.of("two"), "Cache-Control", "public, s-maxage=600");
        stored("/p", "[<esi:include src=\"/f/one\" onerror=\"continue\"/><esi:include src=\"/f/two\"/>]", Set.of(),
                "Cache-Control", "public, s-maxage=600", "Surrogate-Control", "content=\"ESI/1.0\"");
        reads.clear();
    }

    private String body(Answer a) {
        return new String(a.body());
    }

    @Test
    void theNextDeliveryReadsThePageAloneAndGivesWhatAnAssemblyWould() {
        storedPage();
        Answer first = deliver("/p");
        assertEquals("[(one)(two)]", body(first));
        assertEquals(1, readsOf("/f/one"), "assembled from the store");
        reads.clear();

        clock.advance(5_000);
        Answer again = deliver("/p");
        assertEquals(0, readsOf("/f/one") + readsOf("/f/two"), "kept: no part read again");
        assertEquals("[(one)(two)]", body(again));
        assertEquals("public, s-maxage=55", again.added().get("Cache-Control"), "the fields as they are now");
        assertEquals(first.contentLength(), again.contentLength());
    }

    @Test
    void aRefreshedPartIsAssembledAgain() {
        storedPage();
        deliver("/p");
        stored("/f/one", "(one, again)", Set.of("one"), "Cache-Control", "public, s-maxage=60");
        reads.clear();
        assertEquals("[(one, again)(two)]", body(deliver("/p")));
        assertEquals(1, readsOf("/f/one"));
    }

    @Test
    void aPartPurgedByUrlOrTagIsAssembledAgain() {
        storedPage();
        deliver("/p");
        engine.purger().purgeUrl("/f/one");
        assertEquals("[(two)]", body(deliver("/p")), "the purged part is no longer there");

        clock.advance(1);
        stored("/f/one", "(one)", Set.of("one"), "Cache-Control", "public, s-maxage=60");
        assertEquals("[(one)(two)]", body(deliver("/p")));
        clock.advance(1);
        engine.purger().purgeTags(List.of("one"), false);
        assertEquals("[(two)]", body(deliver("/p")), "a part purged by tag is no longer there");
    }

    @Test
    void aPartThatIsNoLongerFreshIsAssembledAgain() {
        storedPage();
        deliver("/p");
        reads.clear();
        clock.advance(60_000);
        Answer later = deliver("/p");
        assertEquals("[(two)]", body(later), "the stale part is not taken from the store (nothing fetches it here)");
        assertEquals(1, readsOf("/f/one"));
    }

    @Test
    void aRequestWithDirectivesAndAPageWithAPartThatVariesAreAssembledEachTime() {
        storedPage();
        deliver("/p");
        readsOf("/f/one");
        deliver("/p", "Cache-Control", "max-stale=0");
        assertEquals(1, readsOf("/f/one"), "the request's directives are read by each lookup");

        stored("/f/varies", "(en)", Set.of(), "Cache-Control", "public, s-maxage=600", "Vary", "Accept-Language");
        stored("/q", "[<esi:include src=\"/f/varies\"/>]", Set.of(),
                "Cache-Control", "public, s-maxage=600", "Surrogate-Control", "content=\"ESI/1.0\"");
        deliver("/q");
        readsOf("/f/varies");
        deliver("/q");
        assertEquals(1, readsOf("/f/varies"), "a part that varies is looked up for each request");
    }
}
