package io.gatecache.engine.config;

import java.util.Optional;

/** Where configuration values come from (MicroProfile Config in an application, a map in a test). */
public interface Source {

    /** A key's value as written, when it is set. */
    Optional<String> get(String name);

    /** The names of every key set. */
    Iterable<String> names();

    /** A source over a map of keys to values. */
    static Source of(java.util.Map<String, String> values) {
        return new Source() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(values.get(name));
            }

            @Override
            public Iterable<String> names() {
                return values.keySet();
            }
        };
    }
}
