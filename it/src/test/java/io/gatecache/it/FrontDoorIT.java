package io.gatecache.it;

import static io.gatecache.it.Http.cacheStatus;
import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.AsyncProbe;
import io.gatecache.it.app.DispatchingServlet;
import io.gatecache.it.app.PlainServlet;
import io.gatecache.it.app.Probe;
import io.gatecache.it.app.ProbeResource;
import io.gatecache.it.app.StaticCacheHeaders;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The one front door caches whatever the application serves by its headers (a plain servlet and
 * a static file, not only JAX-RS), and says truthfully what it stored.
 */
class FrontDoorIT extends ArquillianHttpCase {

    /** gatecache.max-entry-bytes for this deployment. */
    private static final int MAX_ENTRY_BYTES = 64 * 1024;
    private static final String STATIC_FILE = "a static file, cached by its headers\n";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("frontdoor.war", "gatecache.max-entry-bytes=" + MAX_ENTRY_BYTES + "\n",
                Probe.class, ProbeResource.class, io.gatecache.it.app.CacheMBean.class, PlainServlet.class,
                StaticCacheHeaders.class, AsyncProbe.class, DispatchingServlet.class)
                .addAsWebResource(new StringAsset(STATIC_FILE), "static/file.txt");
    }

    @Test
    void withNothingConfiguredNobodyMayPurgeNotEvenThisHost() {
        String page = "plain/unpurged?cc=public,max-age=60";
        http.get(page);
        assertEquals("HIT", xCache(http.get(page)));
        for (String[] purge : new String[][] {{"PURGE", page}, {"PURGETAGS", "", "X-Cache-Tags", "all"},
                {"PURGE", "", "xkey", "all"}, {"BAN", "", "X-Url", ".*"}, {"PURGE", "", "Clear-Cache", "true"}}) {
            String[] fields = java.util.Arrays.copyOfRange(purge, 2, purge.length);
            HttpResponse<String> r = http.send(http.request(purge[1], fields)
                    .method(purge[0], java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(403, r.statusCode(), purge[0] + " " + String.join(" ", fields) + " from loopback: " + r.body());
        }
        assertEquals("HIT", xCache(http.get(page)), "nothing was purged");
    }

    @Test
    void aPlainServletIsCachedByItsHeaders() {
        HttpResponse<String> first = http.get("plain/page?cc=public,max-age=60");
        HttpResponse<String> second = http.get("plain/page?cc=public,max-age=60");
        assertEquals("MISS", xCache(first));
        assertTrue(cacheStatus(first).contains("stored"), cacheStatus(first));
        assertEquals("HIT", xCache(second));
        assertEquals("plain call 1", second.body());
        assertEquals(1, calls("plain/page"));
    }

    @Test
    void aPlainServletThatSaysNoStoreIsNotStored() {
        HttpResponse<String> first = http.get("plain/secret?cc=no-store");
        assertEquals("BYPASS", xCache(first));
        assertEquals("plain call 2", http.get("plain/secret?cc=no-store").body());
    }

    @Test
    void aStaticFileIsCachedByItsHeaders() {
        HttpResponse<String> first = http.get("static/file.txt");
        HttpResponse<String> second = http.get("static/file.txt");
        assertEquals(200, first.statusCode());
        assertEquals(STATIC_FILE, first.body());
        assertEquals("MISS", xCache(first));
        assertEquals("HIT", xCache(second));
        assertEquals(STATIC_FILE, second.body());
        assertTrue(second.headers().firstValue("ETag").isPresent() || second.headers().firstValue("Last-Modified")
                .isPresent(), "the default servlet's validators are stored with it");
    }

    @Test
    @Tag("MUST")
    void aBodyAboveMaxEntryBytesReachesTheClientWholeAndIsNotReportedStored() {
        int size = 3 * MAX_ENTRY_BYTES + 100;
        HttpResponse<String> first = http.get("plain/big?cc=public,max-age=60&bytes=" + size);
        assertEquals(200, first.statusCode());
        assertEquals(size, first.body().length(), "the whole body");
        assertTrue(first.body().startsWith("0123456789abcdef0123"));
        assertEquals("MISS", xCache(first));
        assertFalse(cacheStatus(first).contains("stored"), cacheStatus(first));
        assertTrue(cacheStatus(first).contains("larger than max-entry-bytes"), cacheStatus(first));

        HttpResponse<String> second = http.get("plain/big?cc=public,max-age=60&bytes=" + size);
        assertEquals(size, second.body().length());
        assertFalse("HIT".equals(xCache(second)), "not stored, so not a hit: " + xCache(second));
        assertEquals(2, calls("plain/big"));
    }

    @Test
    void aBodyJustUnderTheLimitIsStored() {
        int size = MAX_ENTRY_BYTES - 10;
        HttpResponse<String> first = http.get("plain/fits?cc=public,max-age=60&bytes=" + size);
        assertTrue(cacheStatus(first).contains("stored"), cacheStatus(first));
        HttpResponse<String> second = http.get("plain/fits?cc=public,max-age=60&bytes=" + size);
        assertEquals("HIT", xCache(second));
        assertEquals(size, second.body().length());
    }

    @Test
    void anAsynchronousResourceIsCachedLikeAnyOther() {
        HttpResponse<String> first = http.get("api/async/a");
        assertEquals(200, first.statusCode());
        assertEquals("async call 1", first.body());
        assertTrue(cacheStatus(first).contains("stored"), cacheStatus(first));
        HttpResponse<String> second = http.get("api/async/a");
        assertEquals("HIT", xCache(second));
        assertEquals("async call 1", second.body());
        assertEquals(1, calls("async/a"));
    }

    @Test
    void aResponseWrittenAfterAnAsynchronousDispatchReachesTheClientAndIsStored() {
        HttpResponse<String> first = http.get("dispatch/d");
        assertEquals(200, first.statusCode());
        assertEquals("dispatched call 1", first.body());
        assertTrue(cacheStatus(first).contains("stored"), cacheStatus(first));
        HttpResponse<String> second = http.get("dispatch/d");
        assertEquals("HIT", xCache(second));
        assertEquals("dispatched call 1", second.body());
    }

    @Test
    void theStoresHealthIsShownByMicroProfileHealth() throws Exception {
        // Payara serves MicroProfile Health on the HTTP port; WildFly on its management port
        String health = System.getProperty("gatecache.it.health");
        HttpResponse<String> ready = new Http(health == null ? new java.net.URL(base, "/") : new java.net.URL(health))
                .get("health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("gatecache-store"), ready.body());
        String json = ready.body().replace(" ", "");
        assertTrue(json.contains("{\"name\":\"gatecache-store\",\"status\":\"UP\""), ready.body());
        assertTrue(java.util.regex.Pattern.compile("\"/frontdoorhealthy\":\"?true\"?").matcher(json).find(),
                "this application's store: " + ready.body());
    }
}
