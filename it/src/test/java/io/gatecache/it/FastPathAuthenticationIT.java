package io.gatecache.it;

import static io.gatecache.it.FastPathIT.marks;
import static io.gatecache.it.FastPathIT.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that authenticates its requests itself (the example's Jakarta Security
 * mechanism, no security constraint) keeps its door below the container for the requests whose
 * user context hash is known without it: anonymous ones, and those of a session whose hash is
 * held. Credentials, and a session the cache holds no hash for, go into the container, which
 * authenticates them. Run where the build turns a fast path on ({@code gatecache.it.fastPath}).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "gatecache.it.fastPath", matches = "true")
class FastPathAuthenticationIT {

    @Deployment(testable = false)
    static WebArchive authenticating() {
        return FastPathIT.example("authenticating.war", "");
    }

    private static URI root(URL base) {
        return URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    }

    @Test
    @Tag("MUST")
    void anAnonymousHitIsAnsweredBelowTheContainer(@ArquillianResource URL base) {
        SiteUser anonymous = new SiteUser(root(base));
        HttpResponse<String> miss = anonymous.get("site/location/20");
        assertEquals("MISS", xCache(miss));
        HttpResponse<String> hit = anonymous.get("site/location/20");
        assertEquals("HIT", xCache(hit));
        assertEquals(marks(miss), marks(hit), "the hit never reached the servlet chain");
    }

    @Test
    @Tag("MUST")
    void aSessionWhoseHashIsHeldIsAnsweredBelowTheContainer(@ArquillianResource URL base) {
        SiteUser reader = new SiteUser(root(base)).login("reader1");
        HttpResponse<String> first = reader.get("site/location/21");
        assertTrue(first.body().contains("Members area"), first.body());
        HttpResponse<String> hit = reader.get("site/location/21");
        assertEquals("HIT", xCache(hit));
        assertEquals(marks(first), marks(hit), "the session's hash is held: answered below the container");
        assertTrue(hit.body().contains("Members area"));
    }

    @Test
    @Tag("MUST")
    void credentialsAndUnknownSessionsGoIntoTheContainer(@ArquillianResource URL base) {
        SiteUser anonymous = new SiteUser(root(base));
        HttpResponse<String> stored = anonymous.get("site/location/22");
        anonymous.get("site/location/22");

        HttpResponse<String> unknown = anonymous.get("site/location/22", "Cookie", "JSESSIONID=no-such-session");
        assertEquals("HIT", xCache(unknown), "a session the container does not know is anonymous");
        assertNotEquals(marks(stored), marks(unknown), "but only the container can tell: it went through it");

        SiteUser basic = new SiteUser(root(base)).basic("reader2");
        HttpResponse<String> first = basic.get("site/location/22");
        HttpResponse<String> again = basic.get("site/location/22");
        assertEquals("HIT", xCache(again));
        assertNotEquals(marks(first), marks(again), "credentials are checked by the container, every time");
        assertTrue(again.body().contains("Members area"));

        HttpResponse<String> wrong = new SiteUser(root(base)).basic("nobody").get("site/location/22");
        assertEquals(401, wrong.statusCode(), "wrong credentials never reach a stored page");
    }
}
