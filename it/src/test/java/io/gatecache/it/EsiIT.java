package io.gatecache.it;

import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.EsiResource;
import io.gatecache.it.app.Probe;
import io.gatecache.it.app.ProbeResource;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * ESI assembly in front of the application's own resources, over HTTP: each fragment is cached on
 * its own and fetched through the cache, the page's caching fields merge its fragments', failures
 * and limits have defined answers, a downstream ESI cache gets the markup.
 */
class EsiIT extends ArquillianHttpCase {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    static final ScriptedOrigin OTHER_HOST = ScriptedOrigin.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("esi.war", "gatecache.esi.max-depth=3\ngatecache.purge.trusted-addresses=127.0.0.0/8,::1\n", Probe.class, ProbeResource.class,
                EsiResource.class);
    }

    @AfterAll
    static void stopOrigin() {
        OTHER_HOST.close();
    }

    /** A page's path with its includes ({@code src|alt|continue} each). */
    private static String page(String name, String... includes) {
        StringBuilder b = new StringBuilder("api/esi/page/" + name + "?x=1");
        for (String inc : includes) {
            b.append("&inc=").append(URLEncoder.encode(inc, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Test
    void aFragmentKeepsItsOwnTtlWhileThePageStaysAHit() {
        String path = page("ttl", "../fragment/short?cc=public,s-maxage=1", "../fragment/long");
        HttpResponse<String> first = http.get(path);
        assertEquals(200, first.statusCode());
        assertEquals("[ttl 1](short 1)(long 1)", first.body());
        assertEquals("MISS", xCache(first));
        HttpResponse<String> later = http.getUntil(path, r -> r.body().contains("(short 2)"), DEADLINE);
        assertEquals("HIT", xCache(later), "the page itself is still stored");
        assertEquals("[ttl 1](short 2)(long 1)", later.body(), "only the short-lived fragment was fetched again");
        assertEquals(1, calls("esi/long"));
        assertFalse(later.headers().firstValue("Surrogate-Control").isPresent());
    }

    @Test
    void nestedIncludesAreAssembledAndDepthIsLimited() {
        assertEquals("<0<1<2>>>", http.get("api/esi/deep/0?until=2").body());
        HttpResponse<String> tooDeep = http.get("api/esi/deep/0?until=6");
        assertEquals(502, tooDeep.statusCode(), tooDeep.body());
        assertTrue(tooDeep.body().contains("could not be assembled"), tooDeep.body());
    }

    @Test
    void aCycleIsAFailureNotALoop() {
        HttpResponse<String> r = http.get("api/esi/cycle/a");
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(calls("esi/cycle-a") <= 2 && calls("esi/cycle-b") <= 1, "no loop: a, b, then a refused");
    }

    @Test
    void altIsTriedAndOnErrorContinueLeavesTheFragmentOut() {
        assertEquals("[alt 1](alt-frag 1)", http.get(page("alt", "../missing|../fragment/alt-frag")).body());
        HttpResponse<String> skipped = http.get(page("skip", "../missing||continue", "../fragment/after-skip"));
        assertEquals(200, skipped.statusCode());
        assertEquals("[skip 1](after-skip 1)", skipped.body());
        HttpResponse<String> failed = http.get(page("fail", "../missing"));
        assertEquals(502, failed.statusCode(), "never half a page with a 200");
        assertTrue(failed.body().contains("could not be assembled"), failed.body());
        assertEquals("no-store", failed.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void thePagesCachingFieldsMergeItsFragmentsAndAPrivateFragmentMakesItPrivate() {
        HttpResponse<String> merged = http.get(page("merge", "../fragment/m1?cc=public,max-age=30,s-maxage=60"),
                "If-None-Match", "\"whatever\"");
        assertEquals(200, merged.statusCode());
        String cc = merged.headers().firstValue("Cache-Control").orElse("");
        assertTrue(cc.contains("s-maxage=60") || cc.contains("s-maxage=59"), cc);
        assertFalse(cc.contains("max-age=30"), "the page has no max-age: none for the whole: " + cc);
        assertFalse(merged.headers().firstValue("ETag").isPresent());
        HttpResponse<String> priv = http.get(page("private", "../fragment/p1?cc=private,max-age=60"));
        String pcc = priv.headers().firstValue("Cache-Control").orElse("");
        assertTrue(pcc.startsWith("private"), pcc);
        assertFalse(pcc.contains("s-maxage"), pcc);
    }

    @Test
    void aDownstreamEsiCacheGetsTheMarkup() {
        String path = page("downstream", "../fragment/d1");
        HttpResponse<String> r = http.get(path, "Surrogate-Capability", "varnish=\"ESI/1.0\"");
        assertTrue(r.body().contains("<esi:include src=\"../fragment/d1\"/>"), r.body());
        assertEquals("content=\"ESI/1.0\"", r.headers().firstValue("Surrogate-Control").orElse(""));
        assertEquals(0, calls("esi/d1"), "the fragment was not fetched");
        assertEquals("[downstream 1](d1 1)", http.get(path).body(), "a client gets it assembled");
    }

    @Test
    void anIncludeOfAnotherHostIsRefusedWithoutAConnection() {
        String other = OTHER_HOST.url() + "/steal";
        HttpResponse<String> r = http.get(page("foreign", other));
        assertEquals(502, r.statusCode(), r.body());
        assertEquals("[foreign2 1]", http.get(page("foreign2", other + "||continue")).body());
        String hostPort = other.substring(other.indexOf("://") + 3, other.indexOf("/steal"));
        assertEquals(502, http.get(page("foreign3", "/.//" + hostPort + "/steal")).statusCode(), "a path naming a host");
        assertTrue(OTHER_HOST.seen("/steal").isEmpty(), "nothing was fetched from the other host");
    }

    @Test
    void aPurgeOfAFragmentsTagRefreshesThePagesThatIncludeIt() {
        String path = page("purged", "../fragment/tagged?tags=frag-t");
        assertEquals("[purged 1](tagged 1)", http.get(path).body());
        HttpResponse<String> hit = http.get(path);
        assertEquals("HIT", xCache(hit));
        assertEquals("[purged 1](tagged 1)", hit.body());
        HttpResponse<String> purge = http.send(http.request("api/", "xkey", "frag-t")
                .method("PURGE", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, purge.statusCode());
        HttpResponse<String> after = http.get(path);
        assertEquals("HIT", xCache(after), "the page itself was not purged");
        assertEquals("[purged 1](tagged 2)", after.body(), "its fragment was");
    }

    @Test
    void theIncludeHelperAnnouncesEsiAndPrivateFragmentsAreForTheCacheOnly() {
        assertEquals("[helper](helped 1)", http.get("api/esi/helper").body());
        assertEquals(403, http.get("api/esi/private-fragment").statusCode(), "not from a client");
        assertEquals("[secret 1](secret)", http.get(page("secret", "../private-fragment")).body());
        assertFalse(http.get("api/esi/private-fragment", "Gatecache-Fragment", "guess 1 http://x /a")
                .body().contains("secret"), "a client cannot pass for the cache");
    }
}
