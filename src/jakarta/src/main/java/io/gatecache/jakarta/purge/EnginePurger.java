package io.gatecache.jakarta.purge;

import io.gatecache.api.CachePurger;
import io.gatecache.api.PurgeNotRecordedException;
import io.gatecache.api.TooManyBansException;
import io.gatecache.core.purge.TooManyBans;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.PurgeNotRecorded;
import io.gatecache.engine.Purger;
import io.gatecache.jakarta.content.ContentClearing;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The {@link CachePurger} of this application's cache. Every purge is logged. The engine's
 * failures reach the caller as the API's exceptions, with the same messages.
 */
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

    /** Carries out a purge on the running cache's purger, its failures as the API's exceptions. */
    private void purging(Consumer<Purger> purge) {
        Purger purger = engine().purger();
        try {
            purge.accept(purger);
        } catch (PurgeNotRecorded e) {
            throw new NotRecorded(e);
        } catch (TooManyBans e) {
            throw new BansInForce(e);
        }
    }

    /** The API's exception for a purge not recorded for every node. */
    private static final class NotRecorded extends PurgeNotRecordedException {
        private static final long serialVersionUID = 1L;

        NotRecorded(PurgeNotRecorded e) {
            super(e.getMessage(), e);
        }
    }

    /** The API's exception for a ban refused with too many in force. */
    private static final class BansInForce extends TooManyBansException {
        private static final long serialVersionUID = 1L;

        BansInForce(TooManyBans e) {
            super(e.getMessage(), e);
        }
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
        List<String> purged = List.copyOf(tags);
        purging(p -> p.purgeTags(purged, soft));
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
        purging(p -> p.ban(urlRegex, null, null));
        LOG.info(() -> "Gatecache ban " + urlRegex);
    }

    @Override
    public void purgeUserContexts() {
        engine().purger().forgetUserContexts();
        LOG.info("Gatecache: every user context hash forgotten");
    }

    @Override
    public void purgeAll() {
        purging(Purger::clear);
        LOG.info("Gatecache purgeAll");
    }
}
