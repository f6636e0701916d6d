package io.gatecache.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatecache.engine.config.Key;
import io.gatecache.engine.config.Keys;
import io.gatecache.infinispan.InfinispanStoreProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration page's key table (docs/configuration.md) says of each key what its one definition says. */
class ConfigurationTableTest {

    private static final Path PAGE = Path.of("../../docs/configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(gatecache\\.[^`]+)` \\| (.*?) \\| (.*) \\|$");

    /** The rows of the table headed "Key | Default | Meaning", as name, default and meaning. */
    private static List<List<String>> table() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(PAGE)) {
            if (line.equals("| Key | Default | Meaning |")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    rows.add(List.of(m.group(1), m.group(2), m.group(3)));
                }
            }
        }
        return rows;
    }

    @Test
    void everyRowIsAKeysDefinitionAndEveryDefinitionHasItsRow() throws IOException {
        List<List<String>> expected = new ArrayList<>();
        for (Key<?> k : Keys.ALL) {
            expected.add(List.of(k.name(), k.defaultText(), k.description()));
        }
        expected.add(List.of(Keys.RULE_PATTERN, Keys.RULE_TEXT.get(0), Keys.RULE_TEXT.get(1)));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : table()) {
            // the Infinispan store's own keys: their defaults are the store's
            if (row.get(0).equals("gatecache.store.config")) {
                assertEquals("`" + InfinispanStoreProvider.DEFAULT_CONFIG + "`", row.get(1));
            } else if (row.get(0).equals("gatecache.store.cache")) {
                assertEquals("`" + InfinispanStoreProvider.DEFAULT_CACHE + "`", row.get(1));
            } else {
                rows.add(row);
            }
        }
        Map<String, List<String>> byName = new TreeMap<>();
        rows.forEach(row -> byName.put(row.get(0), row));
        Map<String, List<String>> defined = new TreeMap<>();
        expected.forEach(row -> defined.put(row.get(0), row));
        assertEquals(defined.keySet(), byName.keySet(), "the keys defined, and the keys in the table");
        defined.forEach((name, row) -> assertEquals(row, byName.get(name), name));
    }
}
