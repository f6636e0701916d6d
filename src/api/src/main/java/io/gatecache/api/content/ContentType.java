package io.gatecache.api.content;

/** An entity that is a content type: changing or removing it purges {@code ct<id>} and {@code t<id>}. */
public interface ContentType {

    /** The content type's id. */
    long contentTypeId();
}
