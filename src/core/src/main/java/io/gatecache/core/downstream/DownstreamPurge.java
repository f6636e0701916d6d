package io.gatecache.core.downstream;

import java.util.Set;

/**
 * A purge this cache made, as it goes to the proxies and CDNs in front ({@code gatecache.purge.servers}).
 * {@link PurgeCalls} turns purges into the requests each kind of server understands.
 */
public sealed interface DownstreamPurge {

    /** The responses with one of the tags. */
    record ByTags(Set<String> tags) implements DownstreamPurge {
        public ByTags {
            tags = Set.copyOf(tags);
        }
    }

    /** One URL, under every host: a path and query, or an absolute URL. */
    record Url(String url) implements DownstreamPurge {
    }

    /**
     * A path and query an unsafe request invalidated (RFC 9111 §4.4): purged where the kind can
     * name a path without its host, left alone at a CDN, which cannot (as before purges went out).
     */
    record Invalidation(String path) implements DownstreamPurge {
    }

    /** The responses whose URL (and host and Content-Type, where given) match regular expressions. */
    record Ban(String url, String host, String contentType) implements DownstreamPurge {
    }

    /** The responses one of whose location ids matches a regular expression (the seeds' {@code X-Location-Id}). */
    record Locations(String locations) implements DownstreamPurge {
    }

    /** Everything. */
    record Everything() implements DownstreamPurge {
    }

    /** The one purge of everything. */
    Everything EVERYTHING = new Everything();
}
