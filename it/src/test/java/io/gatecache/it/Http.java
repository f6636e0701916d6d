package io.gatecache.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small HTTP client for the tests, against one deployment's base URL. */
final class Http {

    private static final Pattern TTL = Pattern.compile(";\\s*ttl=(-?\\d+)(?:;|$)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    Http(URL base) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path, String... headers) {
        return client.sendAsync(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> head(String path) {
        return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<String> send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        return send(client, request);
    }

    /** Sends a request with a client, its failure a test's failure. */
    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Repeats a GET until its response satisfies the condition, or fails at the deadline. */
    HttpResponse<String> getUntil(String path, Predicate<HttpResponse<String>> condition, Duration deadline,
            String... headers) {
        long end = System.nanoTime() + deadline.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < end) {
            last = get(path, headers);
            if (condition.test(last)) {
                return last;
            }
            pause();
        }
        fail("no response to " + path + " met the condition within " + deadline + "; last: " + describe(last));
        return last;
    }

    /** Polls a value until it satisfies the condition, or fails at the deadline. */
    String pollUntil(String path, Predicate<String> condition, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        String last = null;
        while (System.nanoTime() < end) {
            last = get(path).body();
            if (condition.test(last)) {
                return last;
            }
            pause();
        }
        fail(path + " did not meet the condition within " + deadline + "; last value: " + last);
        return last;
    }

    /** The interval of a deadline poll. */
    static void pause() {
        try {
            Thread.sleep(50); // the polling interval of a deadline poll, not a wait for a result
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String xCache(HttpResponse<?> r) {
        return r.headers().firstValue("X-Cache").orElse("(none)");
    }

    static String cacheStatus(HttpResponse<?> r) {
        return r.headers().firstValue("Cache-Status").orElse("(none)");
    }

    /** The {@code ttl} parameter of the Cache-Status field: remaining freshness in whole seconds. */
    static long cacheStatusTtl(HttpResponse<?> r) {
        Matcher m = TTL.matcher(cacheStatus(r));
        if (!m.find()) {
            fail("no ttl in Cache-Status: " + cacheStatus(r));
        }
        return Long.parseLong(m.group(1));
    }

    /** The Age field value in seconds. */
    static long age(HttpResponse<?> r) {
        return Long.parseLong(r.headers().firstValue("Age").orElseThrow(() -> new AssertionError("no Age: "
                + r.headers().map())));
    }

    static String describe(HttpResponse<String> r) {
        return r == null ? "none" : r.statusCode() + " " + r.headers().map() + " " + r.body();
    }
}
