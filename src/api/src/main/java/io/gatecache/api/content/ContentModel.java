package io.gatecache.api.content;

import java.util.List;

/**
 * How the cache looks content up, provided by the application as one CDI bean. Called to tag
 * pages ({@code @ContentAware(location = "id")}) and, after a transaction commits, to find what a
 * publish purges; never inside a JPA callback.
 */
public interface ContentModel {

    /** The locations of a content, or an empty list. */
    List<? extends ContentLocation> locationsOf(long contentId);

    /** A location by id, or null. */
    ContentLocation location(long locationId);

    /** A content by id, or null. */
    ContentItem content(long contentId);
}
