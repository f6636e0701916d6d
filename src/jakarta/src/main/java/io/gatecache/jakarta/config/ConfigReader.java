package io.gatecache.jakarta.config;

import io.gatecache.engine.Settings;
import io.gatecache.engine.config.SettingsReader;
import io.gatecache.engine.config.Source;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the settings from MicroProfile Config, each key by its one definition
 * ({@link io.gatecache.engine.config.Keys}), and says which {@code gatecache.*} keys it set that
 * no definition reads.
 */
public final class ConfigReader {

    private static final Logger LOG = Logger.getLogger(ConfigReader.class.getName());

    private ConfigReader() {
    }

    /**
     * @throws io.gatecache.engine.config.InvalidSetting when a value is not one its key allows
     */
    public static Settings read(Config c) {
        Source source = source(c);
        List<String> unknown = SettingsReader.unknown(source);
        if (!unknown.isEmpty()) {
            LOG.warning(() -> "Gatecache: these keys are set but mean nothing (misspelt, or a rule gatecache.rules does"
                    + " not name), and are ignored: " + String.join(", ", unknown));
        }
        return SettingsReader.read(source);
    }

    /** MicroProfile Config as a source: an empty value is no value, as MicroProfile Config has it. */
    public static Source source(Config c) {
        return new Source() {
            @Override
            public Optional<String> get(String name) {
                return c.getOptionalValue(name, String.class);
            }

            @Override
            public Iterable<String> names() {
                return c.getPropertyNames();
            }
        };
    }
}
