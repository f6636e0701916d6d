package io.gatecache.engine.config;

/** A configuration value that is not one its key allows: the application does not start. */
public final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidSetting(String name, String value, String allowed) {
        super("Gatecache: " + name + " is '" + value + "'; allowed: " + allowed);
    }
}
