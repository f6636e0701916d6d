package io.gatecache.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's package: {@code .ci/run} installs it) on a loopback port the build
 * reserves ({@code gatecache.it.nginx}), proxying every request to the test deployment the way a
 * reverse proxy on the same host would: a test names the directives of its one location, and
 * nginx adds nothing else of its own. It runs as one process in the foreground and ends with
 * {@link #close}, or with the test JVM.
 */
final class Nginx implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);

    private final Process process;
    private final Path dir;
    final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts nginx in front of the deployment.
     *
     * @param upstream the deployment's base URL
     * @param directives the location's directives besides {@code proxy_pass}, e.g. a
     *        {@code proxy_set_header}; empty for a plain {@code proxy_pass}
     */
    static Nginx inFrontOf(URL upstream, String directives) throws IOException, InterruptedException {
        String binary = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        int port = Integer.parseInt(System.getProperty("gatecache.it.nginx", "0"));
        if (port == 0) {
            throw new IllegalStateException("no port reserved for nginx (gatecache.it.nginx)");
        }
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "gatecache-nginx");
        String conf = """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://%3$s:%4$d;
                            %5$s
                        }
                        location = /.nginx-%6$s {
                            return 200 "%6$s";
                        }
                    }
                }
                """.formatted(dir, port, upstream.getHost(), upstream.getPort(), directives, dir.getFileName());
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        Process process;
        try {
            process = new ProcessBuilder(binary, "-p", dir.toString(), "-c", file.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("nginx is needed (Debian's package nginx; .ci/run installs it)", e);
        }
        Nginx nginx = new Nginx(process, dir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        nginx.awaitListening();
        return nginx;
    }

    /**
     * Polls the port until this nginx answers its own location (whatever else might listen on the
     * port would not know its name), or fails with its log.
     */
    private void awaitListening() throws IOException, InterruptedException {
        String name = dir.getFileName().toString();
        String probe = "GET /.nginx-" + name + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx ended: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(probe.getBytes(StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                if (answer.startsWith("HTTP/1.1 200") && answer.endsWith(name)) {
                    return;
                }
                throw new IllegalStateException("port " + port + " is another server's: " + answer.lines()
                        .findFirst().orElse("(no answer)"));
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(50); // the polling interval of a deadline poll
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within " + START + ": " + log());
    }

    private String log() throws IOException {
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("error.log");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(err) ? Files.readString(err) : "");
    }

    /** The base URL of the deployment through nginx. */
    URL base(URL upstream) throws IOException {
        return new URL("http", "127.0.0.1", port, upstream.getPath());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
