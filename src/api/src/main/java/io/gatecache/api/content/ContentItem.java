package io.gatecache.api.content;

/**
 * An entity that is content (Ibexa's Content): a write to it is a new version published, its
 * removal a deletion.
 */
public interface ContentItem {

    /** The content id ({@code c<id>}). */
    long contentId();

    /** The content type's id ({@code ct<id>}), or 0 when the model has no types. */
    default long contentTypeId() {
        return 0;
    }
}
