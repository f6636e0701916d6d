package io.gatecache.engine.config;

import java.util.function.Function;

/**
 * One configuration key, defined once: its name, what it allows, how its value is read, its
 * default (which may depend on other keys), and the words the configuration page's table (docs/configuration.md) gives it.
 *
 * @param name the key, {@code gatecache.*}
 * @param defaultText the default as the configuration page's table writes it
 * @param description the meaning as the configuration page's table writes it
 * @param allowed what a value may be, said when one is not
 * @param parse reads a value (trimmed); throws {@link IllegalArgumentException} when it is not allowed
 * @param defaultValue the value when the key is not set, given the other keys
 * @param secret whether the value is a secret: never shown, neither by the management view nor
 *        when it is refused
 */
public record Key<T>(String name, String defaultText, String description, String allowed, Function<String, T> parse,
        Function<Source, T> defaultValue, boolean secret) {

    /** A key whose value may be shown. */
    public Key(String name, String defaultText, String description, String allowed, Function<String, T> parse,
            Function<Source, T> defaultValue) {
        this(name, defaultText, description, allowed, parse, defaultValue, false);
    }

    /** The key's value in a source: its own, or its default. */
    public T read(Source source) {
        java.util.Optional<String> raw = source.get(name);
        if (raw.isEmpty()) {
            return defaultValue.apply(source);
        }
        try {
            return parse.apply(raw.get().trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(name, secret ? null : raw.get(), e.getMessage() == null || e.getMessage().isBlank()
                    || e instanceof NumberFormatException ? allowed : allowed + " (" + e.getMessage() + ")");
        }
    }
}
