package io.gatecache.api.content;

/**
 * An entity that is a relation from one content to another. Adding or removing it purges the
 * source content as a publish does (Ibexa purges a relation change with the source's next
 * version); pages showing the relation carry {@code r<destination>}.
 */
public interface ContentRelation {

    long sourceContentId();

    long destinationContentId();
}
