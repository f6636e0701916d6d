package io.gatecache.jakarta.purge;

import io.gatecache.api.CachePurger;
import io.gatecache.engine.CacheEngine;
import io.gatecache.jakarta.content.ContentClearing;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/** The {@link CachePurger} of this application's cache. Every purge is logged. */
@ApplicationScoped
public class EnginePurger implements CachePurger {

    private static final Logger LOG = Logger.getLogger(EnginePurger.class.getName());

    @Inject
    ServletContext context;

    @Inject
    ContentClearing clearing;

    /** The running cache; fails clearly when it is not (switched off, or not started). */
    private CacheEngine engine() {
        GatecacheRuntime runtime = GatecacheRuntime.of(context);
        if (runtime == null) {
            throw new IllegalStateException("Gatecache is not running in this application");
        }
        return runtime.engine();
    }

    @Override
    public Collection<String> purgeForContent(long contentId) {
        Set<String> tags = clearing.forContent(contentId);
        purge(tags, false, "purgeForContent(" + contentId + ")");
        return tags;
    }

    @Override
    public void purgeTags(Collection<String> tags) {
        purge(tags, false, "purgeTags");
    }

    @Override
    public void softPurgeTags(Collection<String> tags) {
        purge(tags, true, "softPurgeTags");
    }

    private void purge(Collection<String> tags, boolean soft, String why) {
        engine().purger().purgeTags(List.copyOf(tags), soft);
        LOG.info(() -> "Gatecache " + why + (soft ? " soft-purged " : " purged ") + tags);
    }

    @Override
    public boolean purgeUrl(String url) {
        boolean purged = engine().purger().purgeUrl(url) > 0;
        LOG.info(() -> "Gatecache purgeUrl " + url + (purged ? " purged" : ": nothing stored"));
        return purged;
    }

    @Override
    public void ban(String urlRegex) {
        engine().purger().ban(urlRegex, null, null);
        LOG.info(() -> "Gatecache ban " + urlRegex);
    }

    @Override
    public void purgeAll() {
        engine().purger().clear();
        LOG.info("Gatecache purgeAll");
    }
}
