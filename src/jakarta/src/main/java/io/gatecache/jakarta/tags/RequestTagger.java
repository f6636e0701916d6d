package io.gatecache.jakarta.tags;

import io.gatecache.api.ResponseTagger;
import io.gatecache.api.content.ContentItem;
import io.gatecache.api.content.ContentLocation;
import io.gatecache.api.content.ContentModel;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The {@link ResponseTagger} of the request being served: tags go to the request's {@link RequestTags}. */
@RequestScoped
public class RequestTagger implements ResponseTagger {

    @Inject
    HttpServletRequest request;

    @Inject
    ServletContext context;

    @Inject
    Instance<ContentModel> models;

    private ContentTagging tagging;

    /** The tagging rules with this application's scheme and content model. */
    public ContentTagging tagging() {
        if (tagging == null) {
            tagging = new ContentTagging(ContentTagging.scheme(GatecacheRuntime.of(context)), models.isResolvable() ? models.get() : null);
        }
        return tagging;
    }

    @Override
    public ResponseTagger addTags(String... tags) {
        return addTags(Arrays.asList(tags));
    }

    @Override
    public ResponseTagger addTags(Collection<String> tags) {
        RequestTags.add(request, tags);
        return this;
    }

    @Override
    public ResponseTagger location(ContentLocation location) {
        return addTags(tagging().location(location));
    }

    @Override
    public ResponseTagger content(ContentItem content, Collection<? extends ContentLocation> locations) {
        return addTags(tagging().content(content, locations));
    }

    @Override
    public ResponseTagger relation(long contentId, Collection<Long> locationIds) {
        return addTags(tagging().scheme().relationView(contentId, List.copyOf(locationIds)));
    }

    @Override
    public ResponseTagger entity(Object entity) {
        return addTags(tagging().entity(entity));
    }

    @Override
    public Set<String> tags() {
        return Set.copyOf(RequestTags.of(request));
    }
}
