package io.gatecache.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture page matches the code: every class it names (a code span in upper camel
 * case, {@code Outer.Inner} for a nested type) is a type of the project's sources (or the JDK's,
 * such as {@code Clock}), and every
 * module directory of its layout table exists.
 */
class ArchitecturePageTest {

    private static final Path ROOT = Path.of("../..");
    private static final Path PAGE = ROOT.resolve("docs/architecture.md");
    private static final Pattern TYPE = Pattern.compile("`([A-Z][A-Za-z0-9]*)(?:\\.([A-Z][A-Za-z0-9]*))?(?:\\.[a-z][A-Za-z]*)?`");
    private static final Pattern ROW_PATH = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    /** The simple names of every type declared in the project's Java sources. */
    private static Set<String> types() throws IOException {
        Pattern declared = Pattern.compile("\\b(?:class|interface|enum|record|@interface)\\s+([A-Z][A-Za-z0-9]*)");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
                    && !f.toString().contains("/target/")).toList()) {
                Matcher m = declared.matcher(Files.readString(p));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static boolean jdk(String name) {
        for (String pkg : new String[] {"java.lang.", "java.time.", "java.util."}) {
            try {
                Class.forName(pkg + name);
                return true;
            } catch (ClassNotFoundException e) {
                // not in this package
            }
        }
        return false;
    }

    @Test
    void everyClassThePageNamesIsInTheCode() throws IOException {
        String page = Files.readString(PAGE);
        Set<String> types = types();
        Set<String> missing = new TreeSet<>();
        Matcher m = TYPE.matcher(page);
        int named = 0;
        while (m.find()) {
            named++;
            if (!types.contains(m.group(1)) && !jdk(m.group(1))) {
                missing.add(m.group(1));
            }
            if (m.group(2) != null && !types.contains(m.group(2))) {
                missing.add(m.group(1) + "." + m.group(2));
            }
        }
        assertTrue(named > 30, "the page names the classes a request goes through");
        assertEquals(Set.of(), missing, "classes docs/architecture.md names that the code does not have");
    }

    @Test
    void everyPathOfTheLayoutTableExists() throws IOException {
        Set<String> missing = ROW_PATH.matcher(Files.readString(PAGE)).results().map(r -> r.group(1))
                .filter(path -> !Files.exists(ROOT.resolve(path))).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "paths of the layout table that do not exist");
    }
}
