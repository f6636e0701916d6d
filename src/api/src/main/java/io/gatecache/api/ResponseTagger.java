package io.gatecache.api;

import io.gatecache.api.content.ContentItem;
import io.gatecache.api.content.ContentLocation;
import java.util.Collection;
import java.util.Set;

/**
 * Tags the response to the current request, from code: inject it ({@code @Inject ResponseTagger
 * tagger}) into a resource, a servlet or any bean called while the request is served. Tags of the
 * content scheme carry the configured repository prefix; tags given as strings are taken as
 * they are.
 */
public interface ResponseTagger {

    /** Adds tags as they are. */
    ResponseTagger addTags(String... tags);

    /** Adds tags as they are. */
    ResponseTagger addTags(Collection<String> tags);

    /**
     * Tags a page showing a location's content: the all-tag, {@code c} and {@code ct} of its
     * content (the type when the content model knows it), {@code l} of the location, {@code pl} of
     * its parent, {@code p} of every location on its path.
     */
    ResponseTagger location(ContentLocation location);

    /** Tags a page showing content at some of its locations (as {@link #location} does for each). */
    ResponseTagger content(ContentItem content, Collection<? extends ContentLocation> locations);

    /** Tags a page that shows a relation to content: {@code r<content>}, and {@code rl} of the given locations. */
    ResponseTagger relation(long contentId, Collection<Long> locationIds);

    /**
     * Tags a page showing an entity, or each of a collection: content, a location or a relation by
     * the content scheme, any other JPA entity by its type and id ({@code Article-7}), and by its
     * type ({@code Article}) when in a collection (a list changes when one is added or removed).
     */
    ResponseTagger entity(Object entity);

    /** The tags added so far. */
    Set<String> tags();
}
