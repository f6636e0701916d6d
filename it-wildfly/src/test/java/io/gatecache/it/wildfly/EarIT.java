package io.gatecache.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example EAR (ear/, the example WAR at the context root) on WildFly: the site, cached and
 * cleared; its users, with HTTP Basic and with a session.
 */
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

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + "/" + path);
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
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

    @Test
    void theSiteAuthenticatesItsUsers() throws Exception {
        // each page at a URL of its own, so that no stored page is answered
        String basic = "Basic " + Base64.getEncoder().encodeToString("reader1:reader1".getBytes(StandardCharsets.UTF_8));
        assertTrue(page("basic", "Authorization", basic).contains("Members area"));
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(uri("site/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=editor&password=editor")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode(), login.body());
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow(() -> new AssertionError(login.headers().map()));
        assertTrue(page("session", "Cookie", session).contains("Edit this page"));
    }

    /** The body of the home page at a URL of its own, asked with one header field. */
    private String page(String name, String field, String value) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("site/location/2?t=" + name + System.nanoTime()))
                .header(field, value).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
