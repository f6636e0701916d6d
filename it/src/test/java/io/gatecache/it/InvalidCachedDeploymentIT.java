package io.gatecache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.bad.BadResource;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;

/**
 * A wrong {@code @Cached} fails the deployment with a message naming the class, the method and
 * the fix. Payara Micro is started directly: it keeps running when a deployment fails, and the
 * Arquillian connector reports such a deployment as a success.
 */
class InvalidCachedDeploymentIT {

    @Test
    void invalidCachedFailsTheDeploymentWithAMessageNamingClassMethodAndFix() throws Exception {
        File war = new File("target/bad-cached.war");
        Deployments.example("bad-cached.war", BadResource.class).as(ZipExporter.class).exportTo(war, true);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process micro = new ProcessBuilder("java", "-Xmx512m", "-jar",
                System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", war.getPath(), "--contextroot", "bad", "--port", String.valueOf(port),
                "--nohazelcast", "--disablephonehome", "--rootdir", "target/bad-cached-root")
                .redirectErrorStream(true).start();
        try {
            CompletableFuture<String> log = CompletableFuture.supplyAsync(() -> readUntilReady(micro));
            String output = log.get(240, TimeUnit.SECONDS);
            assertTrue(output.contains("invalid @Cached"), "no @Cached error in the server log:\n" + tail(output));
            String method = "io.gatecache.it.bad.BadResource#create()";
            assertTrue(output.contains(method + ": maxAge=-5 is negative; use a number of seconds >= 0"), tail(output));
            assertTrue(output.contains(method + ": only GET responses are cached, but the method is @POST"),
                    tail(output));
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bad/api/bad")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode(), "the application must not be deployed");
        } finally {
            micro.destroy();
            if (!micro.waitFor(30, TimeUnit.SECONDS)) {
                micro.destroyForcibly();
            }
        }
    }

    /** Reads the server's output until it reports itself ready (or exits). */
    private static String readUntilReady(Process p) {
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.contains("ready in")) {
                    break;
                }
            }
        } catch (IOException e) {
            out.append(e);
        }
        // keep draining so the server never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return out.toString();
    }

    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
