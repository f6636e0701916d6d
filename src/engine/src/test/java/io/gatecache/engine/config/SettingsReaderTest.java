package io.gatecache.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheOptions;
import io.gatecache.engine.Settings;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settings as the key definitions read them: defaults, gateway mode, refusals, unknown keys. */
class SettingsReaderTest {

    private static Settings read(Map<String, String> values) {
        return SettingsReader.read(Source.of(values));
    }

    @Test
    void nothingSetGivesTheDefaults() {
        Settings s = read(Map.of());
        assertEquals(CacheOptions.DEFAULTS, s.options());
        assertEquals(Settings.Esi.DEFAULTS, s.esi());
        assertEquals(Settings.Purging.DEFAULTS.maxLifespanMillis(), s.purging().maxLifespanMillis());
        assertEquals(Settings.Purging.DEFAULTS.tagHeader(), s.purging().tagHeader());
        assertEquals("infinispan", s.store().name());
        assertTrue(s.enabled());
        assertTrue(s.fastPath());
        assertTrue(s.hosts().contains("localhost"));
    }

    @Test
    void inFrontOfAnOriginTheClientsDirectivesAndTheOriginsFreshnessRule() {
        CacheOptions o = read(Map.of("gatecache.gateway.origin", "http://127.0.0.1:9000")).options();
        assertTrue(o.allowReload());
        assertTrue(o.allowRevalidate());
        assertTrue(o.heuristicFreshness());
        assertEquals(0, o.staleWhileRevalidate());
        assertEquals(0, o.staleIfError());
        assertEquals(List.of("CDN-Cache-Control"), o.targetedFields());
    }

    @Test
    void theFetchesOfOnePageAtOnceAreConfigured() {
        assertEquals(10, read(Map.of()).esi().maxConcurrentIncludes());
        assertEquals(2, read(Map.of("gatecache.esi.max-concurrent-includes", "2")).esi().maxConcurrentIncludes());
    }

    @Test
    void theManagementViewShowsEffectiveValuesAndNeverThePurgeToken() {
        Map<String, String> shown = read(Map.of("gatecache.purge.token", "s3cret", "gatecache.hosts", "b.example,a.example",
                "gatecache.default-ttl", "30", "gatecache.store.config", "my.xml")).effective();
        assertEquals("(set)", shown.get("gatecache.purge.token"));
        assertFalse(shown.containsValue("s3cret"));
        assertEquals("0:0:0:0:0:0:0:1,127.0.0.1,a.example,b.example,localhost", shown.get("gatecache.hosts"),
                "sorted, loopback names always in");
        assertEquals("30", shown.get("gatecache.default-ttl"));
        assertEquals("", shown.get("gatecache.gateway.origin"), "not set");
        assertEquals("my.xml", shown.get("gatecache.store.config"));
        assertEquals("", read(Map.of()).effective().get("gatecache.purge.token"));
    }

    @Test
    void theClusterSecretReachesTheStoreAndIsNeverShown() {
        Settings s = read(Map.of("gatecache.cluster.secret", "  a-secret-of-some-length  "));
        assertEquals("a-secret-of-some-length", s.store().clusterSecret().orElseThrow().text(), "trimmed");
        assertEquals("(set)", s.effective().get("gatecache.cluster.secret"));
        assertFalse(s.effective().toString().contains("a-secret"), s.effective().toString());
        assertFalse(s.store().toString().contains("a-secret"), s.store().toString());
        assertTrue(read(Map.of()).store().clusterSecret().isEmpty());
        assertEquals("", read(Map.of()).effective().get("gatecache.cluster.secret"));
    }

    @Test
    void aClusterSecretTooShortStopsTheStartWithoutShowingIt() {
        InvalidSetting e = assertThrows(InvalidSetting.class,
                () -> read(Map.of("gatecache.cluster.secret", "guessable")));
        assertFalse(e.getMessage().contains("guessable"), e.getMessage());
        assertTrue(e.getMessage().contains("gatecache.cluster.secret"), e.getMessage());
        assertTrue(e.getMessage().contains("allowed: text of 16 characters or more"), e.getMessage());
    }

    @Test
    void theMetricsAreClosedByDefaultAndTheirPathIsOneExactPath() {
        Settings.Metrics metrics = read(Map.of()).metrics();
        assertTrue(metrics.enabled());
        assertEquals("/gatecache/metrics", metrics.path());
        assertFalse(metrics.trusted().trusts("127.0.0.1", null, false), "nobody until trust is configured");
        Settings.Metrics configured = read(Map.of("gatecache.metrics.path", "/ops/metrics",
                "gatecache.metrics.trusted-addresses", "127.0.0.0/8", "gatecache.metrics.token", "scrape-token",
                "gatecache.metrics.cache-name", "shop")).metrics();
        assertEquals("/ops/metrics", configured.path());
        assertEquals("shop", configured.cacheName());
        assertTrue(configured.trusted().trusts("127.0.0.1", null, false));
        assertTrue(configured.trusted().trusts("192.0.2.7", "Bearer scrape-token", true));
        assertFalse(configured.trusted().trusts("127.0.0.1", null, true), "through a proxy: the token only");
        for (String taken : new String[] {"/", "/*", "/ops/", "/ops/*", "metrics"}) {
            InvalidSetting e = assertThrows(InvalidSetting.class, () -> read(Map.of("gatecache.metrics.path", taken)),
                    taken);
            assertTrue(e.getMessage().contains("gatecache.metrics.path"), e.getMessage());
        }
    }

    @Test
    void everyKeyTheManagementViewShowsIsDefinedOnce() {
        Set<String> defined = new HashSet<>();
        Keys.ALL.forEach(k -> assertTrue(defined.add(k.name()), "defined twice: " + k.name()));
        assertEquals(defined, read(Map.of()).effective().keySet());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gatecache.default-ttl | abc | a whole number of seconds, 0 or more",
        "gatecache.default-ttl | -5 | a whole number of seconds, 0 or more",
        "gatecache.esi.max-depth | 0 | a whole number, 1 or more",
        "gatecache.esi.max-concurrent-includes | 0 | a whole number, 1 or more",
        "gatecache.esi.error-status | 404 | a server error status, 500 to 599",
        "gatecache.enabled | maybe | `true` or `false`",
        "gatecache.tags.header | X Tags | a header field name",
        "gatecache.rules.profile | lenient | `strict` or `cdn`",
        "gatecache.max-lifespan | 0 | a whole number of seconds, 1 or more",
        "gatecache.purge.trusted-addresses | 10.0.0.0/99 | a comma-separated list of addresses and CIDR blocks"})
    void aValueItsKeyDoesNotAllowStopsTheStartNamingKeyValueAndWhatIsAllowed(String key, String value,
            String allowed) {
        InvalidSetting e = assertThrows(InvalidSetting.class, () -> read(Map.of(key, value)));
        assertTrue(e.getMessage().contains(key + " is '" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("allowed: " + allowed), e.getMessage());
    }

    @Test
    void theSpellingsOfABooleanMicroProfileConfigReadAreRead() {
        assertFalse(read(Map.of("gatecache.fast-path", "off")).fastPath());
        assertTrue(read(Map.of("gatecache.debug", "YES")).debug());
    }

    @Test
    void keysNoDefinitionReadsAreReportedAndAStoresOwnAreNot() {
        Source source = Source.of(Map.of("gatecache.defualt-ttl", "60", "gatecache.rules", "images",
                "gatecache.rule.images", "match=extension:png; mode=override; ttl=60", "gatecache.rule.old",
                "match=extension:gif", "gatecache.store.config", "my.xml", "other.key", "x",
                "gatecache.cluster.name", "shop"));
        assertEquals(List.of("gatecache.defualt-ttl", "gatecache.rule.old"), SettingsReader.unknown(source));
        assertEquals(Map.of("config", "my.xml"), SettingsReader.read(source).store().settings());
    }

    @Test
    void aRuleNamedButNotDefinedStopsTheStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("gatecache.rules", "images")));
        assertTrue(e.getMessage().contains("gatecache.rule.images is not set"), e.getMessage());
    }
}
