package io.gatecache.example;

import io.gatecache.api.CacheClearEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * The site's own clearing rule: the sitemap shows the tree's structure, so a change of the tree
 * (a location created, moved, hidden, unhidden or deleted, content deleted) clears it; a publish
 * does not (the sitemap shows no titles).
 */
@ApplicationScoped
public class SitemapClearing {

    static final String TAG = "sitemap";

    void onClear(@Observes @Priority(Interceptor.Priority.APPLICATION) CacheClearEvent event) {
        if (event.isTreeChange()) {
            event.addTag(TAG);
        }
    }
}
