package io.gatecache.core.tags;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cache tags as they travel in header fields: {@code X-Cache-Tags: a,b} (FOSHttpCache and
 * Symfony), {@code xkey: a b} (Varnish) and {@code Surrogate-Key: a b} (Fastly). A value is a
 * list separated by commas, spaces or both; a tag is a run of visible ASCII characters other than
 * a comma. Anything else in a value (control characters, non-ASCII) ends the tag it is in and is
 * dropped, so a malformed field yields the tags it does spell, never an error. A response whose
 * tags do not {@link #fits fit} is not stored.
 */
public final class Tags {

    /** The field the cache reads tags from, and purges by, unless configured otherwise. */
    public static final String DEFAULT_HEADER = "X-Cache-Tags";
    /** The fields whose tags are always read too (and always stripped before a client sees them). */
    public static final List<String> ACCEPTED_HEADERS = List.of("X-Cache-Tags", "xkey", "Surrogate-Key");
    /**
     * The tag of a stored ESI fragment that only the cache's own fragment requests may be answered
     * with (its resource refuses the others): a client asking for its URL goes to the resource.
     */
    public static final String FRAGMENT_ONLY = "gatecache:fragment-only";
    /** A response with more tags than this is not stored (a purge of a tag left out would miss it). */
    public static final int MAX_TAGS = 1000;
    /** A response with a tag longer than this is not stored (no store keys of unbounded length). */
    public static final int MAX_TAG_LENGTH = 256;

    private Tags() {
    }

    /** The tags in one field value, in order, without duplicates; empty for null. */
    public static Set<String> parse(String value) {
        Set<String> out = new LinkedHashSet<>();
        addTo(out, value);
        return out;
    }

    /** Adds the tags a field value spells to a set. */
    public static void addTo(Set<String> out, String value) {
        if (value == null) {
            return;
        }
        int start = -1;
        for (int i = 0; i <= value.length(); i++) {
            boolean part = i < value.length() && isTagChar(value.charAt(i));
            if (part && start < 0) {
                start = i;
            } else if (!part && start >= 0) {
                out.add(value.substring(start, i));
                start = -1;
            }
        }
    }

    /** Whether a character can be part of a tag in a field: visible ASCII, not a comma. */
    public static boolean isTagChar(char c) {
        return c > 0x20 && c < 0x7f && c != ',';
    }

    /** Whether a tag can travel in a field as it is, and be read back the same ({@link #parse}). */
    public static boolean isPlain(String tag) {
        if (tag.isEmpty()) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (!isTagChar(tag.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a response's tags can be stored: at most {@link #MAX_TAGS}, none longer than {@link #MAX_TAG_LENGTH}. */
    public static boolean fits(Set<String> tags) {
        if (tags.size() > MAX_TAGS) {
            return false;
        }
        for (String t : tags) {
            if (t.length() > MAX_TAG_LENGTH) {
                return false;
            }
        }
        return true;
    }

    /** Whether a field name is one tags are read from, given the configured one. */
    public static boolean isTagHeader(String name, String configured) {
        if (name.equalsIgnoreCase(configured)) {
            return true;
        }
        for (String accepted : ACCEPTED_HEADERS) {
            if (accepted.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Tags as a field value, comma-separated ({@code X-Cache-Tags}), or space-separated for xkey and Surrogate-Key. */
    public static String format(Collection<String> tags, String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        return String.join(lower.equals("xkey") || lower.equals("surrogate-key") ? " " : ",", tags);
    }
}
