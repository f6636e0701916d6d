package io.gatecache.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Varnish (Debian's packages varnish and varnish-modules: {@code .ci/run} installs them)
 * on a loopback port the build reserves ({@code gatecache.it.varnish}), in front of the test
 * deployment with the shipped {@code server-config/varnish/gatecache.vcl} (system property
 * {@code gatecache.varnishVcl}): its backend's port becomes the deployment's, and its user context
 * hash lookup path goes under the deployment's context path. It runs in the foreground, a manager
 * process and its child, both ended by {@link #close}, or with the test JVM.
 */
final class Varnish implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(10);
    private static final String BACKEND_PORT = ".port = \"8080\";";
    private static final String LOOKUP_PATH = "\"/_fos_user_context_hash\"";

    private final Process process;
    private final Path dir;
    private final List<ProcessHandle> children = new ArrayList<>();
    final int port;

    private Varnish(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts Varnish in front of the deployment.
     *
     * @param upstream the deployment's base URL
     */
    static Varnish inFrontOf(URL upstream) throws IOException, InterruptedException {
        String binary = Files.isExecutable(Path.of("/usr/sbin/varnishd")) ? "/usr/sbin/varnishd" : "varnishd";
        int port = Integer.parseInt(System.getProperty("gatecache.it.varnish", "0"));
        if (port == 0) {
            throw new IllegalStateException("no port reserved for Varnish (gatecache.it.varnish)");
        }
        Path source = Path.of(System.getProperty("gatecache.varnishVcl", "../server-config/varnish/gatecache.vcl"));
        if (!Files.isReadable(source)) {
            throw new IllegalStateException("no VCL at " + source.toAbsolutePath() + " (gatecache.varnishVcl)");
        }
        String vcl = Files.readString(source, StandardCharsets.UTF_8);
        for (String text : List.of(BACKEND_PORT, LOOKUP_PATH)) {
            if (vcl.indexOf(text) < 0 || vcl.indexOf(text) != vcl.lastIndexOf(text)) {
                throw new IllegalStateException(source + " does not have " + text + " once");
            }
        }
        int upstreamPort = upstream.getPort() == -1 ? upstream.getDefaultPort() : upstream.getPort();
        String context = upstream.getPath().endsWith("/") ? upstream.getPath() : upstream.getPath() + "/";
        vcl = vcl.replace(BACKEND_PORT, ".port = \"" + upstreamPort + "\";")
                .replace(LOOKUP_PATH, "\"" + context + "_fos_user_context_hash\"");

        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "gatecache-varnish");
        // started as root, Varnish's compiler and child run as users of their own, which read the
        // VCL and the work directory
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve("gatecache.vcl");
        Files.writeString(file, vcl, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Process process;
        try {
            process = new ProcessBuilder(binary, "-F",
                    "-n", dir.resolve("work").toString(),
                    "-a", "127.0.0.1:" + port,
                    "-f", file.toString(),
                    "-s", "malloc,32m",
                    "-p", "thread_pools=1", "-p", "thread_pool_min=10", "-p", "thread_pool_max=50")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "varnishd is needed (Debian's packages varnish and varnish-modules; .ci/run installs them)", e);
        }
        Varnish varnish = new Varnish(process, dir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(varnish::stop));
        try {
            varnish.awaitListening();
        } catch (RuntimeException | InterruptedException e) {
            varnish.stop();
            throw e;
        }
        return varnish;
    }

    /**
     * Waits until the manager says its child started (the manager holds the port by then: had it
     * been another server's, varnishd would have ended) and the port takes a connection, or fails
     * with its output.
     */
    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("varnishd ended: " + log());
            }
            if (log().contains("Child launched OK")) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    process.descendants().forEach(children::add);
                    return;
                } catch (IOException notYet) {
                    // not accepting yet
                }
            }
            TimeUnit.MILLISECONDS.sleep(50); // the polling interval of a deadline poll
        }
        throw new IllegalStateException("Varnish did not listen on " + port + " within " + START + ": " + log());
    }

    /** What varnishd printed (its manager's and its child's messages), for failure messages. */
    String log() {
        Path out = dir.resolve("out.log");
        try {
            return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(" + out + " unreadable: " + e + ")";
        }
    }

    /** The base URL of the deployment through Varnish. */
    URL base(URL upstream) throws IOException {
        return new URL("http", "127.0.0.1", port, upstream.getPath());
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Ends the manager, which ends its child first; then any of its processes still running.
     */
    private synchronized void stop() {
        List<ProcessHandle> tree = new ArrayList<>(children);
        process.descendants().forEach(tree::add);
        try {
            process.destroy();
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
            }
            for (ProcessHandle child : tree) {
                child.destroy();
                if (!ended(child)) {
                    child.destroyForcibly();
                    ended(child);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the process ended within {@link #STOP}. */
    private static boolean ended(ProcessHandle p) throws InterruptedException {
        long deadline = System.nanoTime() + STOP.toNanos();
        while (p.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50); // the polling interval of a deadline poll
        }
        return true;
    }
}
