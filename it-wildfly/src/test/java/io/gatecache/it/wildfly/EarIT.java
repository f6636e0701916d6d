package io.gatecache.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example EAR (ear/, the example WAR at the context root) on WildFly: the site, cached and cleared. */
@ExtendWith(ArquillianExtension.class)
class EarIT {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class,
                new File(System.getProperty("gatecache.exampleEar", "target/gatecache-example.ear")));
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/" + path);
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/plain")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String xCache(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send("GET", path, null);
        assertEquals(200, r.statusCode(), path);
        return r.headers().firstValue("X-Cache").orElse("(none)");
    }

    @Test
    @Tag("MUST")
    void theSiteIsCachedAndClearedAfterAnEdit() throws Exception {
        assertEquals("MISS", xCache("site/location/20"));
        assertEquals("HIT", xCache("site/location/20"));
        assertEquals("MISS", xCache("site/location/2"));
        assertEquals(204, send("PUT", "site/content/55", "Child v2\nA new version").statusCode());
        assertEquals("MISS", xCache("site/location/20"), "the edit cleared the page that shows it");
        assertEquals("HIT", xCache("site/location/2"), "and not the page that does not");
    }
}
