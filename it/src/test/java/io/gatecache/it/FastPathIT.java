package io.gatecache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.MarkingFilter;
import io.gatecache.it.app.Probe;
import io.gatecache.it.app.ProbeResource;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The front doors below the web container (WildFly's Undertow handler; Payara's Grizzly door and
 * valve, turned on for this test by the build): a fresh hit is answered there, so an application
 * filter never sees it. Misses, and what the store cannot answer fresh, go through the servlet chain. Run where
 * the build turns a fast path on ({@code gatecache.it.fastPath}); the cases without a fast path
 * are {@link FastPathOffIT} and {@link FastPathConstraintIT}, and {@link FastPathAuthenticationIT}
 * holds the rule for logged-in users, one deployment (one server) each.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "gatecache.it.fastPath", matches = "true")
class FastPathIT {

    private static final String MARK = "X-Application-Filter";
    /**
     * HTTP/1.1, as a browser or a proxy speaks to a server without TLS: by default Java's client
     * asks each request to upgrade to h2c, naming fields in Connection, and where the server does
     * not upgrade (Payara's listener with the Grizzly door, which has no HTTP/2) no door below the
     * container takes such a request.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * The example WAR (with its own authentication mechanism), plus the application filter and
     * the probe.
     */
    static WebArchive example(String name, String config) {
        WebArchive example = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("gatecache.exampleWar", "target/gatecache-example.war")));
        return ShrinkWrap.create(WebArchive.class, name).merge(example)
                .addClasses(MarkingFilter.class, Probe.class, ProbeResource.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    /**
     * The example without its own authentication mechanism: for a deployment whose authentication
     * is the container's login configuration.
     */
    static WebArchive withoutMechanism(WebArchive archive) {
        String mechanism = "/WEB-INF/classes/io/gatecache/example/SiteAuthentication.class";
        if (archive.delete(mechanism) == null) {
            throw new IllegalStateException("the example has no " + mechanism + " to take out");
        }
        return archive;
    }

    @Deployment(testable = false)
    static WebArchive fast() {
        return example("fast.war", "gatecache.purge.trusted-addresses=127.0.0.0/8,::1\n"
                + "gatecache.metrics.trusted-addresses=127.0.0.0/8,::1\n");
    }

    static HttpResponse<String> get(URL base, String path, String... headers) throws Exception {
        return send(base, "GET", path, headers);
    }

    static HttpResponse<String> send(URL base, String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String xCache(HttpResponse<?> r) {
        return r.headers().firstValue("X-Cache").orElse("(none)");
    }

    /** The application filter's marks on a response: a new one each time the servlet chain ran. */
    static List<String> marks(HttpResponse<?> r) {
        return r.headers().allValues(MARK);
    }

    /** A miss, then a hit of the bench page that went through the servlet chain (a mark of its own). */
    static void hitGoesThroughTheServletChain(URL base, String why) throws Exception {
        HttpResponse<String> miss = get(base, "api/bench/cached");
        HttpResponse<String> hit = get(base, "api/bench/cached");
        assertEquals("HIT", xCache(hit));
        assertNotEquals(marks(miss), marks(hit), why);
    }

    @Test
    @Tag("MUST")
    void aFreshHitIsAnsweredBelowTheServletContainer(@ArquillianResource URL base)
            throws Exception {
        HttpResponse<String> miss = get(base, "api/bench/cached");
        assertEquals("MISS", xCache(miss));
        assertEquals(1, marks(miss).size(), "a miss goes through the application");
        HttpResponse<String> hit = get(base, "api/bench/cached");
        assertEquals("HIT", xCache(hit));
        assertEquals(miss.body(), hit.body());
        assertEquals(marks(miss), marks(hit), "only the stored mark: the hit never reached the servlet chain");
        assertTrue(hit.headers().firstValue("Age").isPresent());

        HttpResponse<String> head = send(base, "HEAD", "api/bench/cached");
        assertEquals("HIT", xCache(head));
        assertEquals(marks(miss), marks(head));
        assertEquals(String.valueOf(miss.body().getBytes(StandardCharsets.UTF_8).length),
                head.headers().firstValue("Content-Length").orElse(""));

        HttpResponse<String> range = get(base, "api/bench/cached", "Range", "bytes=0-4");
        assertEquals(206, range.statusCode());
        assertEquals(miss.body().substring(0, 5), range.body());
        assertEquals(marks(miss), marks(range));

        HttpResponse<String> tagged = get(base, "api/probe/etag/e?maxAge=600");
        String etag = tagged.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = get(base, "api/probe/etag/e?maxAge=600", "If-None-Match", etag);
        assertEquals(304, notModified.statusCode());
        assertTrue(marks(notModified).stream().noneMatch(m -> !marks(tagged).contains(m)),
                "no new mark: " + marks(notModified));
    }

    /** The hits the metrics count as answered through {@code door}. */
    static double hitsThrough(URL base, String door) throws Exception {
        HttpResponse<String> r = get(base, "gatecache/metrics");
        assertEquals(200, r.statusCode(), r.body());
        return Scrape.parse(r.body()).value("gatecache_responses_total", java.util.Map.of("status", "HIT", "door", door));
    }

    /**
     * Which door answers a hit, as the metrics count it: the first of {@code gatecache.it.doors}
     * answers a hit of a plain path (Payara's Grizzly door, WildFly's Undertow handler), the last
     * one of a path the container decodes (a percent-encoded octet), which Payara's Grizzly door
     * leaves to the container (its valve answers it, below the servlet chain still).
     */
    @Test
    void eachDoorAnswersTheHitsItTakes(@ArquillianResource URL base) throws Exception {
        String[] doors = System.getProperty("gatecache.it.doors", "").trim().split(" +");
        assertEquals(2, doors.length, "gatecache.it.doors names the door of a plain hit, then of an encoded one");
        String plain = "api/probe/cc/plain-door?cc=public,max-age=600";
        String encoded = "api/probe/cc/encoded%2Ddoor?cc=public,max-age=600";
        HttpResponse<String> plainMiss = get(base, plain);
        HttpResponse<String> encodedMiss = get(base, encoded);
        assertEquals("MISS", xCache(encodedMiss));

        double first = hitsThrough(base, doors[0]);
        HttpResponse<String> plainHit = get(base, plain);
        assertEquals("HIT", xCache(plainHit));
        assertEquals(marks(plainMiss), marks(plainHit), "answered below the servlet chain");
        assertEquals(first + 1, hitsThrough(base, doors[0]), "a plain hit through " + doors[0]);

        double last = hitsThrough(base, doors[1]);
        HttpResponse<String> encodedHit = get(base, encoded);
        assertEquals("HIT", xCache(encodedHit));
        assertEquals(encodedMiss.body(), encodedHit.body());
        assertEquals(marks(encodedMiss), marks(encodedHit), "answered below the servlet chain");
        assertEquals(last + 1, hitsThrough(base, doors[1]), "an encoded path's hit through " + doors[1]);
    }

    @Test
    @Tag("MUST")
    void whatTheStoreCannotAnswerFreshGoesThroughTheServletChain(
            @ArquillianResource URL base) throws Exception {
        HttpResponse<String> first = get(base, "api/demo/me");
        HttpResponse<String> again = get(base, "api/demo/me");
        assertEquals("BYPASS", xCache(again));
        assertNotEquals(marks(first), marks(again), "never stored: always the application's");
        String page = "api/probe/cc/purged?cc=public,max-age=600";
        get(base, page);
        HttpResponse<String> stored = get(base, page);
        assertEquals("HIT", xCache(stored));
        assertEquals(200, send(base, "PURGE", page).statusCode());
        HttpResponse<String> afterPurge = get(base, page);
        assertEquals("MISS", xCache(afterPurge));
        assertNotEquals(marks(stored), marks(afterPurge));
    }
}
