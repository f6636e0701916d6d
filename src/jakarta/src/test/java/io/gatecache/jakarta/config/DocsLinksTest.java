package io.gatecache.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/*.md leads somewhere: the file exists, and a
 * {@code #fragment} names a heading of the target by GitHub's anchor for it.
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("../..");

    /** An inline link or image, {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** A reference definition, {@code [name]: target}. */
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:|^//");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");

    /** README.md and every page of docs/. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The lines of a page that are not in a fenced code block, with inline code taken out; null for fenced lines. */
    private static List<String> prose(Path page) throws IOException {
        List<String> out = new ArrayList<>();
        String fence = null;
        for (String line : Files.readAllLines(page)) {
            String trimmed = line.stripLeading();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                out.add(null);
            } else if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                }
                out.add(null);
            } else {
                out.add(line);
            }
        }
        return out;
    }

    /** GitHub's anchor for a heading: lower case, punctuation but {@code -} and {@code _} dropped, spaces as {@code -}. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                .replace(' ', '-');
    }

    /** The anchors of a page's headings, a repeated one numbered as GitHub numbers it ({@code -1}, {@code -2}). */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(page)) {
            Matcher m = line == null ? null : HEADING.matcher(line);
            if (m != null && m.matches()) {
                String slug = slug(m.group(1));
                int n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        }
        return anchors;
    }

    /** The relative link targets of a page, as "line: target". */
    private static List<String[]> links(Path page) throws IOException {
        List<String[]> links = new ArrayList<>();
        List<String> lines = prose(page);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null) {
                continue;
            }
            String text = CODE_SPAN.matcher(line).replaceAll("");
            Matcher m = INLINE.matcher(text);
            while (m.find()) {
                links.add(new String[] {String.valueOf(i + 1), m.group(1)});
            }
            Matcher r = REFERENCE.matcher(text);
            if (r.matches()) {
                links.add(new String[] {String.valueOf(i + 1), r.group(1)});
            }
        }
        links.removeIf(l -> l[1].isEmpty() || SCHEME.matcher(l[1]).find());
        return links;
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndEveryFragmentToAHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (String[] link : links(page)) {
                checked++;
                String where = ROOT.relativize(page) + ":" + link[0] + ": " + link[1];
                String target = link[1];
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String fragment = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(where + " (no such file)");
                } else if (fragment != null) {
                    if (!resolved.getFileName().toString().endsWith(".md") || Files.isDirectory(resolved)) {
                        broken.add(where + " (a fragment of a file that is not a Markdown page)");
                    } else if (!anchors(resolved).contains(fragment)) {
                        broken.add(where + " (no heading with that anchor; there are " + anchors(resolved) + ")");
                    }
                }
            }
        }
        assertTrue(checked > 0, "no links found: the pages were not read");
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void theDocsIndexLinksEveryPage() throws IOException {
        Path index = ROOT.resolve("docs/README.md");
        Set<String> linked = new TreeSet<>();
        for (String[] link : links(index)) {
            String file = link[1].replaceFirst("#.*", "");
            if (!file.isEmpty()) {
                linked.add(index.getParent().resolve(file).normalize().getFileName().toString());
            }
        }
        Set<String> pages = new TreeSet<>();
        for (Path page : pages()) {
            if (page.getParent().endsWith("docs") && !page.equals(index)) {
                pages.add(page.getFileName().toString());
            }
        }
        pages.removeAll(linked);
        assertEquals(Set.of(), pages, "pages of docs/ that docs/README.md does not link");
    }

    @Test
    void anAnchorIsTheHeadingLowerCasedWithoutPunctuationAndWithHyphensForSpaces() {
        assertEquals("the-front-door-on-undertow-gatecachefast-path", slug("The front door on Undertow (`gatecache.fast-path`)"));
        assertEquals("the-front-door-on-payara-a-virtual-server-valve-opt-in", slug("The front door on Payara (a virtual-server valve, opt-in)"));
        assertEquals("cdi-no-beansxml-needed", slug("CDI: no `beans.xml` needed"));
        assertEquals("cached", slug("`@Cached`"));
        assertEquals("cache-rules-cdn-style", slug("Cache rules (CDN style)"));
    }
}
