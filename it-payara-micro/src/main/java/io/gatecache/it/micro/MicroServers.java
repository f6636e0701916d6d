package io.gatecache.it.micro;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The servers the containers of this test run have running, by container ({@code serverName}). */
public final class MicroServers {

    private static final Map<String, MicroServer> RUNNING = new ConcurrentHashMap<>();

    private MicroServers() {
    }

    /** The process of a container's server, while it runs: a test may kill it. */
    public static Optional<ProcessHandle> process(String serverName) {
        return Optional.ofNullable(RUNNING.get(serverName)).filter(MicroServer::alive).map(MicroServer::handle);
    }

    /** The base URL of a container's server, while it runs ({@code http://127.0.0.1:<port>/}). */
    public static Optional<String> url(String serverName) {
        return Optional.ofNullable(RUNNING.get(serverName)).filter(MicroServer::alive)
                .map(s -> "http://127.0.0.1:" + s.port() + "/");
    }

    /** The file a container's server writes its output to. */
    public static Optional<Path> log(String serverName) {
        return Optional.ofNullable(RUNNING.get(serverName)).map(MicroServer::log);
    }

    static void started(String serverName, MicroServer server) {
        RUNNING.put(serverName, server);
    }

    static void ended(String serverName, MicroServer server) {
        RUNNING.remove(serverName, server);
    }
}
