package io.gatecache.it;

import static io.gatecache.it.Http.cacheStatus;
import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.PlainServlet;
import io.gatecache.it.app.Probe;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A store that keeps nothing: the cache never says it stored, and the application still answers. */
class StoreFailureIT extends ArquillianHttpCase {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("tinystore.war", "gatecache.store.config=gatecache-test/infinispan-tiny.xml\n",
                Probe.class, PlainServlet.class)
                .addAsResource("infinispan-tiny.xml", "gatecache-test/infinispan-tiny.xml");
    }

    @Test
    @Tag("MUST")
    void aResponseTheStoreDidNotKeepIsNeverReportedStored() {
        HttpResponse<String> first = http.get("plain/kept?cc=public,max-age=60");
        assertEquals(200, first.statusCode());
        assertEquals("plain call 1", first.body());
        assertEquals("MISS", xCache(first));
        assertFalse(cacheStatus(first).contains("stored"), cacheStatus(first));
        assertTrue(cacheStatus(first).contains("not kept by the store"), cacheStatus(first));
        HttpResponse<String> second = http.get("plain/kept?cc=public,max-age=60");
        assertEquals("MISS", xCache(second), "nothing was kept, so nothing is a hit");
        assertEquals("plain call 2", second.body());
    }
}
