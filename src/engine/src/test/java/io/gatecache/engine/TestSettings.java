package io.gatecache.engine;

import io.gatecache.core.CacheOptions;
import io.gatecache.core.rules.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Settings for engine tests: the defaults, with what a test varies. */
final class TestSettings {

    private TestSettings() {
    }

    static Settings settings(CacheOptions options, long coalescingTimeoutMillis, boolean debug, boolean fastPath) {
        return settings(options, coalescingTimeoutMillis, debug, fastPath, "memory");
    }

    /** The defaults, with these ESI limits. */
    static Settings settings(Settings.Esi esi) {
        Settings d = settings(CacheOptions.DEFAULTS, 10_000, false, true);
        return new Settings(d.enabled(), d.debug(), d.fastPath(), d.options(), d.statusFields(),
                d.coalescingTimeoutMillis(), d.refreshTimeoutMillis(), d.store(), d.rules(), d.gateway(), d.hosts(),
                d.purging(), esi, d.userContext(), d.downstream(), d.metrics(), d.effective());
    }

    /** The defaults, with this context-aware cache. */
    static Settings settings(Settings.UserContext userContext) {
        Settings d = settings(CacheOptions.DEFAULTS, 10_000, false, true);
        return new Settings(d.enabled(), d.debug(), d.fastPath(), d.options(), d.statusFields(),
                d.coalescingTimeoutMillis(), d.refreshTimeoutMillis(), d.store(), d.rules(), d.gateway(), d.hosts(),
                d.purging(), d.esi(), userContext, d.downstream(), d.metrics(), d.effective());
    }

    /** The defaults, with these proxies and CDNs in front. */
    static Settings settings(Settings.Downstream downstream) {
        Settings d = settings(CacheOptions.DEFAULTS, 10_000, false, true);
        return new Settings(d.enabled(), d.debug(), d.fastPath(), d.options(), d.statusFields(),
                d.coalescingTimeoutMillis(), d.refreshTimeoutMillis(), d.store(), d.rules(), d.gateway(), d.hosts(),
                d.purging(), d.esi(), d.userContext(), downstream, d.metrics(), d.effective());
    }

    static Settings settings(CacheOptions options, long coalescingTimeoutMillis, boolean debug, boolean fastPath,
            String store) {
        return new Settings(true, debug, fastPath, options,
                new Settings.StatusFields("X-Cache", "gatecache", "X-Gatecache-Trace"), coalescingTimeoutMillis,
                30_000, new Settings.Store(store, Map.of(), 16, Optional.empty()), new Settings.Rules(new RuleSet(List.of()), false, 0),
                new Settings.Gateway(null, "/", 5000, 30_000, 1024, List.of()), Set.of("example.org", "localhost"),
                Settings.Purging.DEFAULTS, Settings.Esi.DEFAULTS, Settings.UserContext.DEFAULTS,
                Settings.Downstream.NONE, Settings.Metrics.DEFAULTS, Map.of());
    }
}
