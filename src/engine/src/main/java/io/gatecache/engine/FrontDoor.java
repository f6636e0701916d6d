package io.gatecache.engine;

import java.util.Locale;

/** The door a request came through: the servlet filter, or a door below the web container. */
public enum FrontDoor {
    /** The servlet filter (and the gateway servlet), inside the web container. */
    SERVLET,
    /** WildFly's Undertow handler, before the servlet chain. */
    UNDERTOW,
    /** Payara's valve, before the servlet chain. */
    VALVE,
    /** Payara's Grizzly door, before the web container parses the request. */
    GRIZZLY;

    /** The door's name in metrics: {@code servlet}, {@code undertow}, {@code valve}, {@code grizzly}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
