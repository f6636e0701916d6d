package io.gatecache.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test class fails (a test, or its deployment), prints the last lines of every server log
 * written to since the class began, so a failure can be understood from the build's output
 * alone; the logs themselves stay under {@code target/}. Where the logs are is the build's to say
 * ({@code gatecache.it.serverLogs}: files, or directories searched for {@code server.log}).
 * Registered for every test class (junit-platform.properties).
 */
public class ServerLogOnFailure implements BeforeAllCallback, TestWatcher, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerLogOnFailure.class);
    private static final int LINES = 80;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("since", FileTime.fromMillis(System.currentTimeMillis()));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        context.getParent().ifPresent(parent -> parent.getStore(NAMESPACE).put("failed", Boolean.TRUE));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get("failed") == null && context.getExecutionException().isEmpty()) {
            return;
        }
        FileTime since = Optional.ofNullable(store.get("since", FileTime.class)).orElse(FileTime.fromMillis(0));
        for (Path log : logs()) {
            try {
                if (Files.getLastModifiedTime(log).compareTo(since) >= 0) {
                    System.out.println(tail(log, context.getDisplayName()));
                }
            } catch (IOException | UncheckedIOException e) {
                System.out.println("(the server log " + log + " could not be read: " + e + ")");
            }
        }
    }

    /** The server logs the build named. */
    private static List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        String named = System.getProperty("gatecache.it.serverLogs", "");
        for (String name : named.split(",")) {
            Path path = Path.of(name.trim());
            if (name.isBlank() || !Files.exists(path)) {
                continue;
            }
            if (Files.isDirectory(path)) {
                // a server's own log, one level down: not what the server keeps of its own below that
                try (Stream<Path> found = Files.walk(path, 2)) {
                    found.filter(p -> p.getFileName().toString().equals("server.log")).sorted().forEach(logs::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                logs.add(path);
            }
        }
        return logs;
    }

    private static String tail(Path log, String testClass) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder("---- ").append(testClass).append(" failed; the last ")
                .append(Math.min(LINES, lines.size())).append(" lines of ").append(log.toAbsolutePath()).append(" ----\n");
        for (String line : lines.subList(Math.max(0, lines.size() - LINES), lines.size())) {
            sb.append(line).append('\n');
        }
        return sb.append("---- end of ").append(log.getFileName()).append(" ----").toString();
    }
}
