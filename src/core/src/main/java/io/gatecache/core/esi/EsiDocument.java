package io.gatecache.core.esi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A page's ESI markup, parsed once into what is sent as it is and what is included: the
 * {@code <esi:include src alt onerror/>} tags, with {@code <esi:remove>...</esi:remove>},
 * {@code <esi:comment text="..."/>} and other {@code esi:} elements taken out and the
 * {@code <!--esi ... -->} wrappers dropped (their content parsed as the rest is).
 *
 * <p>The page is read as bytes (ISO-8859-1 chars, one per byte), so any charset passes through
 * untouched. One pass, no backtracking: each position is looked at a bounded number of times.
 * Bad markup has defined results:
 * <ul>
 * <li>an {@code <esi:include>} without {@code src} is dropped;</li>
 * <li>an {@code <esi:remove>} that is never closed removes nothing: the opening tag is dropped and
 * the rest kept;</li>
 * <li>a {@code <!--esi} that is never closed: the wrapper is dropped, the rest parsed;</li>
 * <li>an {@code <esi:} tag with no {@code >} is text;</li>
 * <li>an unknown {@code esi:} element's tags are dropped, its content kept;</li>
 * <li>attributes may be quoted with {@code "} or {@code '}, or not at all; {@code &amp;} in a value is
 * read as {@code &}.</li>
 * </ul>
 */
public final class EsiDocument {

    /** Part of a page: text to send as it is, or an include. */
    public sealed interface Part {
    }

    /** Bytes of the page sent as they are. */
    public record Text(byte[] bytes) implements Part {
    }

    /**
     * An {@code <esi:include>}.
     *
     * @param src the URL to include
     * @param alt the URL tried when {@code src} fails, or null
     * @param continueOnError {@code onerror="continue"}: a failure includes nothing
     */
    public record Include(String src, String alt, boolean continueOnError) implements Part {
    }

    private final List<Part> parts;

    private EsiDocument(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public List<Part> parts() {
        return parts;
    }

    /** The includes, in order. */
    public List<Include> includes() {
        return parts.stream().filter(p -> p instanceof Include).map(p -> (Include) p).toList();
    }

    /** Parses a page. */
    public static EsiDocument parse(byte[] body) {
        return new Parser(new String(body, StandardCharsets.ISO_8859_1)).run();
    }

    private static final class Parser {
        private final String s;
        private final String lower;
        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        Parser(String s) {
            this.s = s;
            this.lower = s.toLowerCase(Locale.ROOT);
        }

        EsiDocument run() {
            int i = 0;
            int n = s.length();
            while (i < n) {
                int lt = s.indexOf('<', i);
                if (lt < 0) {
                    text.append(s, i, n);
                    break;
                }
                text.append(s, i, lt);
                i = markup(lt);
            }
            flush();
            return new EsiDocument(parts);
        }

        /** Reads what starts at a '<'; returns where to go on. */
        private int markup(int lt) {
            if (lower.startsWith("<!--esi", lt)) {
                // the wrapper goes, its content is parsed; the closing --> is dropped when met
                int end = next("-->", lt + 7, 0);
                if (end < 0) {
                    return lt + 7;
                }
                // parse the inside, then skip the closing
                String inside = s.substring(lt + 7, end);
                EsiDocument inner = new Parser(inside).run();
                for (Part p : inner.parts) {
                    if (p instanceof Text t) {
                        text.append(new String(t.bytes(), StandardCharsets.ISO_8859_1));
                    } else {
                        flush();
                        parts.add(p);
                    }
                }
                return end + 3;
            }
            if (lower.startsWith("</esi:", lt)) {
                int gt = tagEnd(lt);
                if (gt < 0) {
                    text.append('<');
                    return lt + 1;
                }
                return gt + 1; // a closing tag of an element whose content is kept: dropped
            }
            if (!lower.startsWith("<esi:", lt)) {
                text.append('<');
                return lt + 1;
            }
            int gt = tagEnd(lt);
            if (gt < 0) {
                text.append('<');
                return lt + 1;
            }
            int nameEnd = lt + 5;
            while (nameEnd < gt && Character.isLetterOrDigit(s.charAt(nameEnd))) {
                nameEnd++;
            }
            String name = lower.substring(lt + 5, nameEnd);
            String attributes = s.substring(nameEnd, gt);
            boolean selfClosing = attributes.endsWith("/");
            switch (name) {
                case "include" -> {
                    String src = attribute(attributes, "src");
                    if (src != null && !src.isBlank()) {
                        flush();
                        String alt = attribute(attributes, "alt");
                        parts.add(new Include(src.trim(), alt == null || alt.isBlank() ? null : alt.trim(),
                                "continue".equalsIgnoreCase(trim(attribute(attributes, "onerror")))));
                    }
                    // a closing tag right after (whitespace between) goes with it; one further on is
                    // dropped where it stands
                    int after = gt + 1;
                    while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
                        after++;
                    }
                    if (!selfClosing && lower.startsWith("</esi:include", after)) {
                        int closeEnd = tagEnd(after);
                        return closeEnd < 0 ? gt + 1 : closeEnd + 1;
                    }
                    return gt + 1;
                }
                case "remove" -> {
                    if (selfClosing) {
                        return gt + 1;
                    }
                    int close = next("</esi:remove", gt, 1);
                    if (close < 0) {
                        return gt + 1; // never closed: removes nothing
                    }
                    int closeEnd = tagEnd(close);
                    return closeEnd < 0 ? close + 1 : closeEnd + 1;
                }
                default -> {
                    // esi:comment, and elements this cache does not know: the tag goes, content stays
                    return gt + 1;
                }
            }
        }

        /** The last answer of {@link #next} for each closing string: where it was found (-1: nowhere after). */
        private final int[] found = {-2, -2};
        private final int[] searchedFrom = {0, 0};

        /**
         * Where a closing string next occurs at or after a position, or -1. Positions only grow, so
         * the last answer serves as long as it lies ahead (or said there is none): each closing
         * string is searched for across the page at most once in all, whatever the markup.
         */
        private int next(String closing, int from, int slot) {
            int f = found[slot];
            if (f != -2 && searchedFrom[slot] <= from && (f == -1 || f >= from)) {
                return f;
            }
            f = lower.indexOf(closing, from);
            found[slot] = f;
            searchedFrom[slot] = from;
            return f;
        }

        /**
         * The '>' ending a tag opened at lt, outside quotes; -1 when there is none before the next
         * '<' (quoted or not: no tag spans another, so no scan goes past the next tag).
         */
        private int tagEnd(int lt) {
            char quote = 0;
            for (int i = lt + 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '<') {
                    return -1;
                }
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    return i;
                }
            }
            return -1;
        }

        private void flush() {
            if (text.length() > 0) {
                parts.add(new Text(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
                text.setLength(0);
            }
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /** An attribute's value in a tag's attribute text: quoted with " or ', or unquoted; null when absent. */
    static String attribute(String attributes, String name) {
        String lower = attributes.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < lower.length()) {
            int at = lower.indexOf(name, i);
            if (at < 0) {
                return null;
            }
            boolean startsName = at == 0 || Character.isWhitespace(lower.charAt(at - 1));
            int j = at + name.length();
            while (j < lower.length() && Character.isWhitespace(lower.charAt(j))) {
                j++;
            }
            if (!startsName || j >= lower.length() || lower.charAt(j) != '=') {
                i = at + name.length();
                continue;
            }
            j++;
            while (j < lower.length() && Character.isWhitespace(lower.charAt(j))) {
                j++;
            }
            if (j >= attributes.length()) {
                return "";
            }
            char q = attributes.charAt(j);
            String value;
            if (q == '"' || q == '\'') {
                int end = attributes.indexOf(q, j + 1);
                value = end < 0 ? attributes.substring(j + 1) : attributes.substring(j + 1, end);
            } else {
                int end = j;
                while (end < attributes.length() && !Character.isWhitespace(attributes.charAt(end))) {
                    end++;
                }
                value = attributes.substring(j, end);
                if (end == attributes.length() && value.endsWith("/")) {
                    value = value.substring(0, value.length() - 1); // the self-closing slash: src=/f/>
                }
            }
            return value.replace("&amp;", "&");
        }
        return null;
    }
}
