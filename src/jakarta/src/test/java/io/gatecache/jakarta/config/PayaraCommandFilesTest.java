package io.gatecache.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Payara command files of {@code server-config/payara} agree: Payara Micro takes one boot
 * file, so the Grizzly door's holds {@code preboot.asadmin}'s commands too; and the door's
 * commands are the same on Payara Micro and Payara Server, but for the listener's name.
 */
class PayaraCommandFilesTest {

    private static final Path PAYARA = Path.of("../../server-config/payara");

    /** A file's commands: its lines but comments and blank ones. */
    private static List<String> commands(String file) throws IOException {
        return Files.readAllLines(PAYARA.resolve(file)).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void theGrizzlyDoorsBootFileHoldsEveryCommandOfPreboot() throws IOException {
        List<String> door = commands("preboot-grizzly-door.asadmin");
        List<String> preboot = commands("preboot.asadmin");
        assertEquals(preboot, door.subList(0, preboot.size()), "preboot.asadmin's commands first, as they are");
    }

    @Test
    void theDoorsCommandsAreTheSameOnPayaraServerButForTheListener() throws IOException {
        List<String> micro = commands("preboot-grizzly-door.asadmin");
        List<String> server = commands("grizzly-door-server.asadmin");
        List<String> microDoor = micro.subList(commands("preboot.asadmin").size(), micro.size());
        assertEquals(microDoor.stream().map(l -> l.replaceAll("\\bhttp-listener\\b", "http-listener-1")).toList(),
                server);
        assertTrue(server.stream().anyMatch(l -> l.contains("GrizzlyDoor")), server.toString());
    }
}
