package io.gatecache.jakarta.jmx;

import io.gatecache.core.CacheStatus;
import io.gatecache.core.tags.Tags;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.PurgeSource;
import io.gatecache.engine.Purger;
import io.gatecache.spi.StoreStatus.Membership;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The JMX view of a {@link CacheEngine}: counters read from snapshots, purge operations. */
public final class Management implements GatecacheMXBean {

    private static final Logger LOG = Logger.getLogger(Management.class.getName());

    private final CacheEngine engine;
    private final ObjectName name;
    /** The application's class loader, for the CDI calls a JMX thread makes. */
    private final ClassLoader application = Thread.currentThread().getContextClassLoader();

    private Management(CacheEngine engine, ObjectName name) {
        this.engine = engine;
        this.name = name;
    }

    static ObjectName objectName(String contextPath) {
        String context = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        try {
            return new ObjectName("io.gatecache:type=Cache,context=" + ObjectName.quote(context));
        } catch (JMException e) {
            throw new IllegalStateException("cannot name the Gatecache MBean for " + context, e);
        }
    }

    /** The engine's purger, its purges counted as coming from JMX. */
    private Purger purger() {
        return engine.purger().from(PurgeSource.JMX);
    }

    /** Registers the bean, replacing one left by an earlier deployment of the same context. */
    public static Management register(CacheEngine engine, String contextPath) {
        Management m = new Management(engine, objectName(contextPath));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(m.name)) {
                server.unregisterMBean(m.name);
            }
            server.registerMBean(m, m.name);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Gatecache MBean " + m.name + " not registered", e);
        }
        return m;
    }

    public void unregister() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.log(Level.FINE, "Gatecache MBean " + name + " not unregistered", e);
        }
    }

    @Override
    public long getHits() {
        return engine.statistics().count(CacheStatus.HIT);
    }

    @Override
    public long getMisses() {
        return engine.statistics().count(CacheStatus.MISS);
    }

    @Override
    public long getExpired() {
        return engine.statistics().count(CacheStatus.EXPIRED);
    }

    @Override
    public long getStaleServed() {
        return engine.statistics().count(CacheStatus.STALE);
    }

    @Override
    public long getRevalidations() {
        return engine.statistics().count(CacheStatus.REVALIDATED);
    }

    @Override
    public long getBypasses() {
        return engine.statistics().count(CacheStatus.BYPASS);
    }

    @Override
    public long getDynamic() {
        return engine.statistics().count(CacheStatus.DYNAMIC);
    }

    @Override
    public long getStores() {
        return engine.statistics().stores();
    }

    @Override
    public long getInvalidations() {
        return engine.statistics().invalidations();
    }

    @Override
    public double getHitRatio() {
        return engine.statistics().hitRatio();
    }

    @Override
    public long getStoreErrors() {
        return engine.storeFailures();
    }

    @Override
    public String getClusterMode() {
        return modeName(engine.membership().mode());
    }

    @Override
    public String getClusterNode() {
        return engine.membership().node();
    }

    @Override
    public java.util.List<String> getClusterMembers() {
        return engine.membership().members();
    }

    @Override
    public String getClusterRole() {
        return engine.membership().role();
    }

    @Override
    public String getClusterAvailability() {
        return availabilityName(engine.membership().availability());
    }

    /** The attribute's value for a mode: {@code local}, {@code replicated} or {@code distributed}. */
    static String modeName(Membership.Mode mode) {
        return switch (mode) {
            case LOCAL -> "local";
            case REPLICATED -> "replicated";
            case DISTRIBUTED -> "distributed";
        };
    }

    /**
     * The attribute's value for an availability: Infinispan's names ({@code AVAILABLE},
     * {@code DEGRADED_MODE}), or {@code UNKNOWN} when the store cannot say.
     */
    static String availabilityName(Membership.Availability availability) {
        return switch (availability) {
            case AVAILABLE -> "AVAILABLE";
            case DEGRADED -> "DEGRADED_MODE";
            case UNKNOWN -> "UNKNOWN";
        };
    }

    @Override
    public boolean isClusterSettled() {
        return engine.membership().settled();
    }

    @Override
    public boolean isStoreHealthy() {
        return engine.storeHealthy();
    }

    @Override
    public int getWaiting() {
        return engine.coalescer().waiting();
    }

    @Override
    public long getEntries() {
        return engine.storedKeys();
    }

    @Override
    public long getStoreBytes() {
        return engine.storeBytes();
    }

    @Override
    public long getEvictions() {
        return engine.storeEvictions();
    }

    @Override
    public Map<String, String> getConfiguration() {
        return engine.settings().effective();
    }

    @Override
    public int purgeUrl(String url) {
        int removed = purger().purgeUrl(url);
        LOG.info(() -> "Gatecache purge of " + url + " removed " + removed + " key(s)");
        return removed;
    }

    @Override
    public java.util.List<String> getRules() {
        return engine.rules().inForce().rules().stream().map(r -> r.name() + ": " + r.definition()).toList();
    }

    @Override
    public void addRule(String name, String definition) {
        try {
            engine.rules().add(io.gatecache.core.rules.CacheRule.parse(name, definition));
        } catch (IllegalArgumentException e) {
            // a plain exception the remote client can show without our classes
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public boolean removeRule(String name) {
        return engine.rules().remove(name);
    }

    @Override
    public void clear() {
        purge(purger()::clear);
        LOG.info("Gatecache cleared");
    }

    @Override
    public void purgeTags(String tags) {
        java.util.Set<String> parsed = Tags.parse(tags);
        purge(() -> purger().purgeTags(parsed, false));
        LOG.info(() -> "Gatecache purge (JMX) of tags " + parsed);
    }

    @Override
    public void softPurgeTags(String tags) {
        java.util.Set<String> parsed = Tags.parse(tags);
        purge(() -> purger().purgeTags(parsed, true));
        LOG.info(() -> "Gatecache soft purge (JMX) of tags " + parsed);
    }

    @Override
    public void ban(String urlRegex) {
        purge(() -> purger().ban(urlRegex, null, null));
        LOG.info(() -> "Gatecache ban (JMX) of " + urlRegex);
    }

    /**
     * Carries out a purge, its failures rethrown as the JDK's own exceptions, which a remote JMX
     * client can read without the cache's classes.
     */
    private static void purge(Runnable purge) {
        try {
            purge.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    @Override
    public java.util.List<String> purgeForContent(long contentId) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(application);
        try {
            return java.util.List.copyOf(jakarta.enterprise.inject.spi.CDI.current()
                    .select(io.gatecache.api.CachePurger.class).get().purgeForContent(contentId));
        } catch (io.gatecache.api.PurgeNotRecordedException e) {
            // the JDK's own exception, which a remote JMX client can read without the cache's classes
            throw new IllegalStateException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("purgeForContent needs CDI in the application: " + e.getMessage());
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Override
    public long getPurges() {
        return engine.statistics().purges();
    }

    @Override
    public void banLocations(String locationIdRegex) {
        purge(() -> purger().banLocations(locationIdRegex));
        LOG.info(() -> "Gatecache ban (JMX) of location ids " + locationIdRegex);
    }

    @Override
    public long getPurgesNotRecorded() {
        return engine.statistics().purgesNotRecorded();
    }

    @Override
    public long getCoalescedWaits() {
        return engine.statistics().coalescedWaits();
    }

    @Override
    public long getCoalescedTimeouts() {
        return engine.statistics().coalescedTimeouts();
    }

    @Override
    public long getRefreshesDone() {
        return engine.statistics().refreshesDone();
    }

    @Override
    public long getRefreshesFailed() {
        return engine.statistics().refreshesFailed();
    }

    @Override
    public long getRefreshesSkipped() {
        return engine.statistics().refreshesSkipped();
    }

    @Override
    public long getEsiFragmentsStored() {
        return engine.statistics().esiFragmentsStored();
    }

    @Override
    public long getEsiFragmentsFetched() {
        return engine.statistics().esiFragmentsFetched();
    }

    @Override
    public long getEsiFragmentsFailed() {
        return engine.statistics().esiFragmentsFailed();
    }

    @Override
    public long getClaimsHeld() {
        return engine.statistics().claimsHeld();
    }

    @Override
    public long getClaimsWaited() {
        return engine.statistics().claimsWaited();
    }

    @Override
    public long getDownstreamPurgesSent() {
        return engine.downstreamCounters().sent();
    }

    @Override
    public long getDownstreamPurgesRetried() {
        return engine.downstreamCounters().retried();
    }

    @Override
    public long getDownstreamPurgesFailed() {
        return engine.downstreamCounters().failed();
    }

    @Override
    public long getDownstreamPurgesDropped() {
        return engine.downstreamCounters().dropped();
    }

    @Override
    public long getDownstreamPurgesOfEverything() {
        return engine.downstreamCounters().everything();
    }

    @Override
    public long getDownstreamPurgesPending() {
        return engine.purgeServers().pending();
    }

    @Override
    public java.util.List<String> getDownstreamServersOwed() {
        return engine.purgeServers().owingEverything().stream().map(String::valueOf).toList();
    }

    @Override
    public long getDownstreamTagFieldsCut() {
        return engine.downstreamCounters().tagFieldsCut();
    }

    @Override
    public long getUserContextLookups() {
        return engine.userContexts().lookups();
    }

    @Override
    public void purgeUserContexts() {
        purger().forgetUserContexts();
        LOG.info("Gatecache: every user context hash forgotten (JMX)");
    }

    @Override
    public void resetStatistics() {
        engine.statistics().reset();
        engine.userContexts().resetLookups();
        engine.downstreamCounters().reset();
    }
}
