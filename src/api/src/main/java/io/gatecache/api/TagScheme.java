package io.gatecache.api;

/**
 * The content tag scheme (Ibexa's http-cache tags), as configured for this application: every tag
 * it builds starts with the repository prefix ({@code gatecache.tags.prefix}, empty by default;
 * with {@code 1}, {@code content(55)} is {@code 1c55}). Given by the cache
 * ({@link CacheClearEvent#scheme()}), never built by the application.
 */
public interface TagScheme {

    /** {@code c<id>}: a page showing the content. */
    String content(long id);

    /** {@code ct<id>}: a page showing content of the type. */
    String contentType(long id);

    /** {@code l<id>}: the location's page. */
    String location(long id);

    /** {@code pl<id>}: a page of one of the location's children. */
    String parentLocation(long id);

    /** {@code p<id>}: a page at or below the location. */
    String path(long id);

    /** {@code r<id>}: a page showing a relation to the content. */
    String relation(long contentId);

    /** {@code rl<id>}: a page showing a relation to the location. */
    String relationLocation(long locationId);

    /** {@code t<id>}: cleared with {@code ct<id>} when the content type changes. */
    String type(long id);

    /** The all-tag ({@code gatecache.tags.all-tag}), on every page tagged by the scheme. */
    String all();

    /**
     * The tag of an entity outside the content model, its type and id: {@code Article-7}.
     * Characters that would split a tag in a header are percent-encoded.
     */
    String entity(String type, Object id);

    /** The tag of every entity of a type, {@code Article}: lists of them carry it. */
    String entityType(String type);
}
