package io.gatecache.engine;

import java.util.Locale;

/** Where a purge came from, as counted: an HTTP purge request, a JPA commit's clear, the API, JMX. */
public enum PurgeSource {
    HTTP, JPA, API, JMX;

    /** The source's name in metrics: {@code http}, {@code jpa}, {@code api}, {@code jmx}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
