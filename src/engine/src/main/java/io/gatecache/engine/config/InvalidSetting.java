package io.gatecache.engine.config;

/** A configuration value that is not one its key allows: the application does not start. */
public final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param value the value refused, or null when it must not be shown (a secret) */
    InvalidSetting(String name, String value, String allowed) {
        super("Gatecache: " + name + (value == null ? " is not allowed (the value is not shown)" : " is '" + value + "'")
                + "; allowed: " + allowed);
    }
}
