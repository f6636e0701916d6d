package io.gatecache.engine;

import java.util.Locale;

/** What a purge purged, as counted: a URL, tags (hard or soft), a ban (by URL or location ids), everything. */
public enum PurgeKind {
    URL, TAG, SOFT, BAN, CLEAR;

    /** The kind's name in metrics: {@code url}, {@code tag}, {@code soft}, {@code ban}, {@code clear}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
