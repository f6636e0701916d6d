package io.gatecache.it;

import static io.gatecache.it.Http.cacheStatus;
import static io.gatecache.it.Http.cacheStatusTtl;
import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.Probe;
import io.gatecache.it.app.ProbeResource;
import io.gatecache.it.app.RulesResource;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * CDN-style cache rules on a real Payara Micro: rules configured through MicroProfile Config in
 * the deployment, and one added over JMX.
 */
class CacheRulesIT extends ArquillianHttpCase {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** Directory rule "files" says never cache; extension rule "css" (defined later) overrides it. */
    static final String RULES = String.join("\n",
            "gatecache.rules=files,missing,css",
            "gatecache.rule.files=match=directory:/api/rules/files/; mode=no-cache",
            "gatecache.rule.missing=match=directory:/api/rules/missing/; status=404=3",
            "gatecache.rule.css=match=extension:css; mode=override; ttl=60",
            "gatecache.purge.enabled=false",
            "");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("rules.war", RULES, Probe.class, ProbeResource.class, RulesResource.class,
                io.gatecache.it.app.CacheMBean.class);
    }


    @Test
    void withPurgingSwitchedOffAPurgeIs405AndPurgesNothing() {
        assertEquals("MISS", xCache(http.get("api/probe/cc/nopurge?cc=public,max-age=600")));
        HttpResponse<String> refused = http.send(http.request("api/probe/cc/nopurge?cc=public,max-age=600")
                .method("PURGE", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, refused.statusCode(), refused.body());
        assertEquals("HIT", xCache(http.get("api/probe/cc/nopurge?cc=public,max-age=600")));
    }

    @Test
    void a404IsCachedForItsRulesTtlThenFetchedAgain() {
        HttpResponse<String> first = http.get("api/rules/missing/a");
        assertEquals(404, first.statusCode());
        assertEquals("MISS", xCache(first));
        long stored = System.nanoTime();
        HttpResponse<String> hit = http.get("api/rules/missing/a");
        assertEquals(404, hit.statusCode());
        assertEquals("HIT", xCache(hit));
        assertEquals("not found, call 1", hit.body());
        HttpResponse<String> again = http.getUntil("api/rules/missing/a", r -> !"HIT".equals(xCache(r)), DEADLINE);
        long elapsed = (System.nanoTime() - stored) / 1_000_000;
        // 3 s: the response's Date counts whole seconds, so its apparent age on arrival may be
        // nearly one; the entry stays fresh for at least the other two
        assertEquals("not found, call 2", again.body(), "re-fetched once its 3 s TTL ran out");
        assertTrue(elapsed >= 1900, "re-fetched after " + elapsed + " ms");
    }

    @Test
    void a5xxIsNotCachedWithoutARule() {
        HttpResponse<String> first = http.get("api/rules/error/x");
        HttpResponse<String> second = http.get("api/rules/error/x");
        assertEquals(503, second.statusCode());
        assertEquals("DYNAMIC", xCache(first));
        assertEquals("DYNAMIC", xCache(second));
        assertEquals(2, calls("rules/error/x"));
    }

    @Test
    void anExtensionRuleBeatsADirectoryRule() {
        // "files" (directory, no-cache) keeps .txt out of the cache entirely
        assertEquals("DYNAMIC", xCache(http.get("api/rules/files/a.txt")));
        HttpResponse<String> txt = http.get("api/rules/files/a.txt");
        assertEquals("DYNAMIC", xCache(txt));
        assertTrue(cacheStatus(txt).contains("fwd=bypass"), cacheStatus(txt));
        assertEquals(2, calls("rules/files/a.txt"));
        // "css" (extension, override) wins over the directory rule for .css under the same directory
        assertEquals("MISS", xCache(http.get("api/rules/files/a.css")));
        assertEquals("HIT", xCache(http.get("api/rules/files/a.css")));
        assertEquals(1, calls("rules/files/a.css"));
    }

    @Test
    void overrideModeIgnoresTheOriginsHeaders() {
        long sent = System.nanoTime();
        HttpResponse<String> first = http.get("api/rules/files/b.css");
        assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(""), "the origin said no-store");
        assertEquals("MISS", xCache(first));
        HttpResponse<String> hit = http.get("api/rules/files/b.css");
        // one more millisecond: the gateway's clock counts whole milliseconds
        long elapsedMillis = (System.nanoTime() - sent + 999_999) / 1_000_000 + 1;
        assertEquals("HIT", xCache(hit));
        assertEquals("file call 1", hit.body());
        // the rule's ttl=60 is the freshness lifetime; Cache-Status ttl is what is left of it in
        // whole seconds, floor((60000 - age) / 1000), where age is the time since the gateway
        // received the first request (the response has no Date of its own, so no apparent age):
        // at most 60, at least 60 less the time this test took since it sent that request
        long ttl = cacheStatusTtl(hit);
        long lowest = Math.floorDiv(60_000 - elapsedMillis, 1000);
        assertTrue(ttl >= lowest && ttl <= 60,
                "ttl " + ttl + " outside [" + lowest + ", 60] " + elapsedMillis + " ms after the first request");
        // and the same age in the Age field: ttl + Age is 60, or 59 when the age is not whole seconds
        long age = Http.age(hit);
        assertTrue(ttl + age == 60 || ttl + age == 59, "ttl " + ttl + " with Age " + age);
    }

    @Test
    void aRuleAddedOverJmxTakesEffectOnTheNextRequest() {
        assertEquals("BYPASS", xCache(http.get("api/rules/live/a")));
        assertEquals("BYPASS", xCache(http.get("api/rules/live/a")));

        String definition = URLEncoder.encode("match=directory:/api/rules/live/; mode=override; ttl=60",
                StandardCharsets.UTF_8);
        assertEquals(204, http.send(http.request("api/rules/jmx/live?definition=" + definition)
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        assertTrue(http.get("api/rules/jmx").body()
                .contains("live: match=directory:/api/rules/live/; mode=override; ttl=60"));
        assertEquals("MISS", xCache(http.get("api/rules/live/a")));
        HttpResponse<String> hit = http.get("api/rules/live/a");
        assertEquals("HIT", xCache(hit));
        assertEquals("live call 3", hit.body());

        assertEquals("true", http.send(http.request("api/rules/jmx/live").DELETE().build()).body());
        assertEquals("BYPASS", xCache(http.get("api/rules/live/b")));
        assertEquals("BYPASS", xCache(http.get("api/rules/live/b")));
    }

    @Test
    void aMalformedRuleIsRefusedOverJmxWithTheReason() {
        String definition = URLEncoder.encode("match=directory:/x/; status=2xx=10", StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(http.request("api/rules/jmx/bad?definition=" + definition)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("cache rule 'bad'") && r.body().contains("classes are allowed for 4xx and 5xx"),
                r.body());
    }
}
