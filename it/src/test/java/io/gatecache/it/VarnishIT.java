package io.gatecache.it;

import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.CacheMBean;
import io.gatecache.it.app.DownstreamState;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Varnish 7 with vmod xkey (Debian's packages) in front of the example site, with the
 * shipped VCL (server-config/varnish/gatecache.vcl) and the README's downstream configuration:
 * tags out in {@code xkey}, purges out as {@code PURGEKEYS}. The site's pages become hits in
 * Varnish; an edit through JPA turns exactly the pages that show it into misses in Varnish and in
 * Gatecache, the rest stay hits in both. Then the seeds' {@code BAN} with {@code X-Location-Id},
 * received by Gatecache (and, by default, not passed on).
 *
 * <pre>
 * 2 Home (52)
 * ├── 20 News (50)
 * │   ├── 22 Child (55)
 * │   └── 23 Sibling (57)
 * └── 21 Archive (51)
 *     └── 24 Related (56, relates to 55)
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VarnishIT extends ArquillianHttpCase {

    private static final List<String> PAGES = List.of("site/location/2", "site/location/20", "site/location/21",
            "site/location/22", "site/location/23", "site/location/24", "site/sitemap");
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static Varnish varnish;
    /** Varnish's address, with the deployment's path. */
    private URL front;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("varnish.war", """
                gatecache.downstream.tag-header=xkey
                gatecache.purge.servers=http://127.0.0.1:%d
                gatecache.purge.servers.type=varnish-xkey
                gatecache.purge.trusted-addresses=127.0.0.0/8
                """.formatted(Integer.getInteger("gatecache.it.varnish", 0)), DownstreamState.class, CacheMBean.class);
    }

    @BeforeEach
    void varnishInFront() throws Exception {
        if (varnish == null) {
            varnish = Varnish.inFrontOf(base);
        }
        front = new URL("http", "127.0.0.1", varnish.port, base.getPath());
    }

    @AfterAll
    static void stopVarnish() {
        if (varnish != null) {
            varnish.close();
        }
    }

    /**
     * A request as a browser sends it to a site whose Varnish listens on port 80: {@code Host}
     * without a port (Gatecache stores only for its hosts on the default port or its own), sent
     * to Varnish, or to Gatecache itself.
     */
    private RawHttp.Exchange request(URL to, String method, String page, String body) {
        String request = method + " " + base.getPath() + page + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (body == null ? "" : "Content-Type: text/plain\r\nContent-Length: "
                        + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n")
                + "Connection: close\r\n\r\n" + (body == null ? "" : body);
        return RawHttp.send(to, request);
    }

    /** A page through Varnish. */
    private RawHttp.Exchange throughVarnish(String page) {
        RawHttp.Exchange r = request(front, "GET", page, null);
        assertEquals(200, r.status(), page + ": " + r.response());
        return r;
    }

    /** Gatecache's own outcome for a page, asked directly as Varnish asks it. */
    private String inGatecache(String page) {
        RawHttp.Exchange r = request(base, "GET", page, null);
        assertEquals(200, r.status(), page);
        return r.header("X-Cache");
    }

    private static Map<String, String> expect(String... pageStates) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pageStates.length; i += 2) {
            m.put(pageStates[i], pageStates[i + 1]);
        }
        return m;
    }

    /** What Gatecache's downstream counters say, by name. */
    private Map<String, String> downstream() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : http.get("api/downstream").body().split("\n")) {
            int eq = line.indexOf('=');
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return m;
    }

    /** Each page's state through Varnish: Varnish's outcome, and on a miss Gatecache's for what Varnish fetched. */
    private Map<String, String> throughVarnish() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String page : PAGES) {
            RawHttp.Exchange r = throughVarnish(page);
            String varnishCache = r.header("X-Varnish-Cache");
            m.put(page.substring(page.lastIndexOf('/') + 1), "HIT".equals(varnishCache) ? "HIT"
                    : varnishCache + "/" + r.header("X-Cache"));
        }
        return m;
    }

    @Test
    @Order(1)
    void thePagesBecomeHitsInVarnishAndAnEditPurgesExactlyItsPagesThereAndInGatecache() throws Exception {
        // the site's data, written as it started, was purged before this Varnish ran: those purges
        // failed, and Varnish is owed a purge of everything, sent until it takes it
        awaitPurgesSent(-1);
        for (String page : PAGES) {
            RawHttp.Exchange first = throughVarnish(page);
            assertEquals("MISS", first.header("X-Varnish-Cache"), page);
            assertEquals(null, first.header("xkey"), "Varnish keeps the tags: " + page);
            assertEquals("HIT", throughVarnish(page).header("X-Varnish-Cache"), page);
        }
        assertEquals("HIT", inGatecache("site/location/22"), "Gatecache stored what Varnish fetched");
        List<String> tags = List.of(http.get("site/location/22").headers().firstValue("xkey").orElse("").split(" "));
        assertTrue(tags.containsAll(List.of("c55", "l22", "pl20")), tags.toString());

        Map<String, String> before = downstream();
        long sent = Long.parseLong(before.get("DownstreamPurgesSent"));
        RawHttp.Exchange edit = request(front, "PUT", "site/content/55", "Child v2\nA new version");
        assertEquals(204, edit.status(), edit.response());
        awaitPurgesSent(sent);

        assertEquals(expect("2", "HIT", "20", "MISS/MISS", "21", "HIT", "22", "MISS/MISS", "23", "MISS/MISS",
                "24", "MISS/MISS", "sitemap", "HIT"), throughVarnish());
        for (String page : List.of("site/location/2", "site/location/21", "site/sitemap")) {
            assertEquals("HIT", inGatecache(page), "still a hit in Gatecache: " + page);
        }
        assertTrue(throughVarnish("site/location/22").body().contains("Child v2"));
        assertEquals(before.get("DownstreamPurgesFailed"), downstream().get("DownstreamPurgesFailed"), "none failed");
    }

    /** Waits until Gatecache sent what the edit purged, and nothing waits or is owed. */
    private void awaitPurgesSent(long before) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Map<String, String> d = downstream();
            if (Long.parseLong(d.get("DownstreamPurgesSent")) > before && d.get("DownstreamPurgesPending").equals("0")
                    && d.get("DownstreamServersOwed").isEmpty()) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the purge did not reach Varnish within " + DEADLINE + ": " + d + "\n"
                        + varnish.log());
            }
            TimeUnit.MILLISECONDS.sleep(20); // the polling interval of a deadline poll
        }
    }

    @Test
    @Order(2)
    void aBanByLocationIdsPurgesExactlyThePagesTaggedWithThoseLocations() {
        for (String page : PAGES) {
            if (!"HIT".equals(xCache(http.get(page)))) {
                assertEquals("HIT", xCache(http.get(page)), page);
            }
        }
        HttpResponse<String> ban = http.send(http.request("", "X-Location-Id", "^(20|22)$")
                .method("BAN", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, ban.statusCode(), ban.body());
        Map<String, String> states = new LinkedHashMap<>();
        for (String page : PAGES) {
            states.put(page.substring(page.lastIndexOf('/') + 1), xCache(http.get(page)));
        }
        assertEquals(expect("2", "HIT", "20", "MISS", "21", "HIT", "22", "MISS", "23", "HIT", "24", "HIT",
                "sitemap", "HIT"), states);
        assertEquals("HIT", throughVarnish("site/location/20").header("X-Varnish-Cache"),
                "a purge Gatecache received is not passed on (gatecache.purge.servers.forward-received)");

        HttpResponse<String> all = http.send(http.request("", "X-Location-Id", ".*")
                .method("BAN", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, all.statusCode(), all.body());
        for (String page : PAGES) {
            String state = xCache(http.get(page));
            assertEquals(page.endsWith("sitemap") ? "HIT" : "MISS", state, "every page with a location id: " + page);
        }
        HttpResponse<String> bad = http.send(http.request("", "X-Location-Id", "(")
                .method("BAN", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(400, bad.statusCode(), bad.body());
        assertFalse(bad.body().contains("Exception"), bad.body());
    }
}
