package io.gatecache.it.micro;

import io.gatecache.it.micro.launcher.MicroLauncher;
import io.gatecache.testing.Ports;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * One Payara Micro JVM started by the test run, with {@link MicroLauncher} as its main class: its
 * own process handle, its output in a file of its own, commands and their answers over a loopback
 * connection that, when it ends, ends the server too.
 */
final class MicroServer {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final Socket connection;
    private final BufferedReader replies;
    private final PrintWriter commands;

    private MicroServer(String name, Process process, Path log, int port, Socket connection) throws IOException {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.connection = connection;
        this.replies = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new PrintWriter(connection.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /**
     * Starts a server and waits until it has booted.
     *
     * @param name names its directory and output file ({@code <serverDirectory>/<name>})
     */
    static MicroServer start(MicroConfiguration config, String name) throws IOException {
        Path dir = Path.of(config.getServerDirectory()).toAbsolutePath().resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir);
        Path log = dir.resolve("server.log");
        int port = config.getHttpPort() > 0 ? config.getHttpPort() : Ports.free();
        try (ServerSocket control = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(modularOptions(config.getMicroJar()));
            command.addAll(words(config.getJavaOptions()));
            command.add("-cp");
            command.add(config.getMicroJar() + File.pathSeparator + launcherLocation());
            command.add(MicroLauncher.class.getName());
            command.add(String.valueOf(control.getLocalPort()));
            command.add("--port");
            command.add(String.valueOf(port));
            command.add("--rootdir");
            command.add(dir.resolve("root").toString());
            command.add("--prebootcommandfile");
            command.add(prebootFile(config, dir).toString());
            command.addAll(words(config.getMicroOptions()));
            Files.writeString(log, String.join(" ", command) + "\n");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            control.setSoTimeout((int) TimeUnit.SECONDS.toMillis(config.getStartupTimeoutInSeconds()));
            Socket connection;
            try {
                connection = control.accept();
            } catch (IOException e) {
                process.destroyForcibly();
                throw new IOException(name + " did not start: " + e + "\n" + tail(log), e);
            }
            MicroServer server = new MicroServer(name, process, log, port, connection);
            connection.setSoTimeout((int) TimeUnit.SECONDS.toMillis(config.getStartupTimeoutInSeconds()));
            String ready = server.reply();
            if (!"ready".equals(ready)) {
                server.kill();
                throw new IOException(name + " did not boot (" + ready + ")\n" + tail(log));
            }
            return server;
        }
    }

    /** Deploys a WAR at a context root ({@code /} for the root); whether it deployed. */
    boolean deploy(String application, String contextRoot, Path war, int timeoutSeconds) throws IOException {
        return ("deployed " + application + " true").equals(
                command("deploy " + application + " " + contextRoot + " " + war, timeoutSeconds));
    }

    void undeploy(String application, int timeoutSeconds) throws IOException {
        command("undeploy " + application, timeoutSeconds);
    }

    private synchronized String command(String line, int timeoutSeconds) throws IOException {
        connection.setSoTimeout((int) TimeUnit.SECONDS.toMillis(timeoutSeconds));
        commands.println(line);
        String reply = reply();
        if (reply == null) {
            throw new IOException(name + " ended during '" + line + "'\n" + tail(log));
        }
        return reply;
    }

    /** The next answer, or null when the server is gone. */
    private String reply() throws IOException {
        try {
            return replies.readLine();
        } catch (SocketTimeoutException e) {
            throw new IOException(name + " did not answer in time\n" + tail(log), e);
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops the server, killing it if it does not stop within a minute. */
    void stop() {
        if (process.isAlive()) {
            try {
                command("stop", 60);
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (IOException e) {
                // it went another way: killed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
    }

    /** Ends the server at once (what its own end of the connection does too when the test run dies). */
    void kill() {
        process.destroyForcibly();
        try {
            connection.close();
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            // closed already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** A server's output from a byte offset on, at most its last 150 lines. */
    static String since(Path log, long offset) {
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(offset);
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** The last lines of a server's output. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** The product's boot commands, then the HTTP listener bound to loopback only. */
    private static Path prebootFile(MicroConfiguration config, Path dir) throws IOException {
        StringBuilder commands = new StringBuilder();
        if (config.getPrebootCommandFile() != null) {
            commands.append(Files.readString(Path.of(config.getPrebootCommandFile()))).append('\n');
        }
        commands.append("set configs.config.server-config.network-config.network-listeners.network-listener"
                + ".http-listener.address=127.0.0.1\n");
        Path file = dir.resolve("preboot.asadmin");
        Files.writeString(file, commands);
        return file;
    }

    /** What the Payara Micro jar's manifest opens when run with -jar, given here as options. */
    private static List<String> modularOptions(String microJar) throws IOException {
        List<String> options = new ArrayList<>();
        try (JarFile jar = new JarFile(microJar)) {
            Attributes main = jar.getManifest().getMainAttributes();
            for (String module : words(main.getValue("Add-Opens"))) {
                options.add("--add-opens=" + module + "=ALL-UNNAMED");
            }
            for (String module : words(main.getValue("Add-Exports"))) {
                options.add("--add-exports=" + module + "=ALL-UNNAMED");
            }
        }
        return options;
    }

    private static String launcherLocation() {
        try {
            return Path.of(MicroLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
