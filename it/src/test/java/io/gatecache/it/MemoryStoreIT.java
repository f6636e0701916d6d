package io.gatecache.it;

import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.CacheMBean;
import io.gatecache.it.app.PlainServlet;
import io.gatecache.it.app.Probe;
import io.gatecache.it.app.ProbeResource;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The store chosen by configuration ({@code gatecache.store=memory}): this JVM's memory instead of Infinispan. */
class MemoryStoreIT extends ArquillianHttpCase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("memorystore.war", "gatecache.store=memory\n", Probe.class, PlainServlet.class,
                ProbeResource.class, CacheMBean.class);
    }

    @Test
    void aResponseIsStoredInMemoryAndAnsweredFromIt() {
        HttpResponse<String> first = http.get("plain/kept?cc=public,max-age=60");
        assertEquals("MISS", xCache(first));
        assertEquals("plain call 1", first.body());
        HttpResponse<String> second = http.get("plain/kept?cc=public,max-age=60");
        assertEquals("HIT", xCache(second));
        assertEquals("plain call 1", second.body());
    }

    @Test
    void theManagementViewSaysWhichStoreWasChosen() {
        HttpResponse<String> config = http.get("api/probe/jmx/Configuration");
        assertEquals(200, config.statusCode(), config.body());
        // an MXBean's map is a table of key and value rows
        assertTrue(config.body().contains("key=gatecache.store, value=memory"), config.body());
    }

    @Test
    void theManagementViewShowsAStoreNoOtherNodeShares() {
        assertEquals("local", http.get("api/probe/jmx/ClusterMode").body());
        assertEquals("AVAILABLE", http.get("api/probe/jmx/ClusterAvailability").body());
        assertEquals("local", http.get("api/probe/jmx/ClusterNode").body());
        assertEquals("coordinator", http.get("api/probe/jmx/ClusterRole").body());
        assertEquals("true", http.get("api/probe/jmx/ClusterSettled").body());
    }
}
