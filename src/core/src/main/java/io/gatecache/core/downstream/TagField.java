package io.gatecache.core.downstream;

import io.gatecache.core.tags.Tags;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The field a response's tags are sent downstream in, for the proxy or CDN in front to purge by
 * ({@code gatecache.downstream.tag-header}): none (the tags stay here), {@code X-Cache-Tags}
 * (FOSHttpCache, Symfony) or {@code Cache-Tag} (Cloudflare), comma-separated; {@code xkey}
 * (Varnish's vmod xkey) or {@code Surrogate-Key} (Fastly), space-separated. With a maximum length
 * ({@code gatecache.downstream.tag-header.max-length}, in bytes; 0 for none), a longer value is cut
 * at a tag boundary, as Ibexa's http-cache does. Pure.
 *
 * @param name the field's name; null for none
 * @param separator what separates two tags in it
 * @param maxLength the longest value sent, in bytes; 0 for no limit
 */
public record TagField(String name, String separator, int maxLength) {

    /** The fields a configuration may name, besides {@code none}. */
    public static final List<String> NAMES = List.of("X-Cache-Tags", "xkey", "Surrogate-Key", "Cache-Tag");

    /** No field: tags are removed before the response leaves, as they always were. */
    public static final TagField NONE = new TagField(null, ",", 0);

    /** The tags of a response as they go downstream: the field's value, and whether it was cut. */
    public record Value(String text, boolean cut, int kept, int dropped) {
    }

    /**
     * The field a configuration names.
     *
     * @param configured {@code none} or one of {@link #NAMES} (in any case)
     * @throws IllegalArgumentException for another name
     */
    public static TagField of(String configured, int maxLength) {
        if (configured == null || configured.isBlank() || configured.trim().equalsIgnoreCase("none")) {
            return NONE;
        }
        for (String name : NAMES) {
            if (name.equalsIgnoreCase(configured.trim())) {
                boolean spaced = name.equals("xkey") || name.equals("Surrogate-Key");
                return new TagField(name, spaced ? " " : ",", Math.max(0, maxLength));
            }
        }
        throw new IllegalArgumentException("not a downstream tag field: " + configured);
    }

    /** Whether tags go downstream at all. */
    public boolean on() {
        return name != null;
    }

    /**
     * The value for a response's tags: each once, in order, without the cache's own (those
     * starting {@code gatecache:}), cut after the last whole tag that fits the maximum length. A
     * first tag longer than the maximum is dropped too (the field is then left out: an empty
     * value). A tag no field can carry (not visible ASCII, or with a comma) is left out, and
     * counts as cut: a purge of it would miss the copy downstream.
     */
    public Value render(Collection<String> tags) {
        Set<String> unique = new LinkedHashSet<>();
        Set<String> unfit = new LinkedHashSet<>();
        for (String tag : tags) {
            if (!tag.startsWith(INTERNAL_PREFIX)) {
                (Tags.isPlain(tag) ? unique : unfit).add(tag);
            }
        }
        StringBuilder out = new StringBuilder();
        int kept = 0;
        for (String tag : unique) {
            int length = out.length() + (kept == 0 ? 0 : separator.length()) + tag.length();
            if (maxLength > 0 && length > maxLength) {
                return new Value(out.toString(), true, kept, unique.size() - kept + unfit.size());
            }
            if (kept > 0) {
                out.append(separator);
            }
            out.append(tag);
            kept++;
        }
        // a tag no field can carry is left out too: the copy downstream cannot be purged by it
        return new Value(out.toString(), !unfit.isEmpty(), kept, unfit.size());
    }

    /** Tags the cache gives itself, which mean nothing downstream. */
    static final String INTERNAL_PREFIX = Tags.FRAGMENT_ONLY.substring(0, Tags.FRAGMENT_ONLY.indexOf(':') + 1);

    /** Whether a field name is this one. */
    public boolean is(String field) {
        return name != null && name.toLowerCase(Locale.ROOT).equals(field.toLowerCase(Locale.ROOT));
    }
}
