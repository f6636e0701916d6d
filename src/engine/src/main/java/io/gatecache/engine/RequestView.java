package io.gatecache.engine;

/** What the engine reads of a request, whichever door it came through. */
public interface RequestView {

    /** The method, as sent. */
    String method();

    /** The raw path, for the key. */
    String path();

    /** The raw query, or null. */
    String query();

    /** The request's origin, {@code scheme://host[:port]} (see {@link io.gatecache.core.CacheKey#origin}). */
    String origin();

    /** The port the request came in on. */
    int localPort();

    /** A field's values joined with {@code ", "}, as the servlet front door reads them; null when absent. */
    String field(String name);
}
