package io.gatecache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One visitor of the example site, with a cookie jar of its own: anonymous until it logs in
 * through {@code POST site/login}, or sending BASIC credentials instead when told to.
 */
final class SiteUser {

    private final HttpClient client;
    private final URI base;
    private final String[] headers;
    private String basic;

    /**
     * @param base the deployment's base URL, ending with /
     * @param headers fields every request carries (a Host, say)
     */
    SiteUser(URI base, String... headers) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
        this.base = base;
        this.headers = headers;
    }

    /** Logs in with the login form: a session, and 303 to the first page. */
    SiteUser login(String name) {
        HttpResponse<String> r = post("site/login", "username=" + encode(name) + "&password=" + encode(name));
        assertEquals(303, r.statusCode(), () -> name + " logs in: " + r.body());
        return this;
    }

    /** Sends BASIC credentials with every request from now on, with no session. */
    SiteUser basic(String name) {
        basic = "Basic " + java.util.Base64.getEncoder().encodeToString((name + ":" + name)
                .getBytes(StandardCharsets.UTF_8));
        return this;
    }

    HttpResponse<String> post(String path, String form) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        return send(b.build());
    }

    HttpResponse<String> get(String path, String... more) {
        HttpRequest.Builder b = request(path).GET();
        for (int i = 0; i + 1 < more.length; i += 2) {
            b.header(more[i], more[i + 1]);
        }
        return send(b.build());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return client.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (basic != null) {
            b.header("Authorization", basic);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest request) {
        return Http.send(client, request);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
