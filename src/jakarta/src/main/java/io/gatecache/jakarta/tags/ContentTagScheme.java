package io.gatecache.jakarta.tags;

import io.gatecache.api.TagScheme;
import io.gatecache.core.tags.ContentTags;

/** The API's {@link TagScheme}: the core's {@link ContentTags} of this application, as they are. */
public record ContentTagScheme(ContentTags tags) implements TagScheme {

    @Override
    public String content(long id) {
        return tags.content(id);
    }

    @Override
    public String contentType(long id) {
        return tags.contentType(id);
    }

    @Override
    public String location(long id) {
        return tags.location(id);
    }

    @Override
    public String parentLocation(long id) {
        return tags.parentLocation(id);
    }

    @Override
    public String path(long id) {
        return tags.path(id);
    }

    @Override
    public String relation(long contentId) {
        return tags.relation(contentId);
    }

    @Override
    public String relationLocation(long locationId) {
        return tags.relationLocation(locationId);
    }

    @Override
    public String type(long id) {
        return tags.type(id);
    }

    @Override
    public String all() {
        return tags.all();
    }

    @Override
    public String entity(String type, Object id) {
        return tags.entity(type, id);
    }

    @Override
    public String entityType(String type) {
        return tags.entityType(type);
    }
}
