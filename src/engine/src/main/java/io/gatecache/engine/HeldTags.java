package io.gatecache.engine;

import io.gatecache.core.purge.PurgeRequest;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.core.tags.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tags fields of a response the cache captures ({@code X-Cache-Tags}, {@code xkey}, the
 * configured tags header, and the seeds' {@code X-Location-Id}, whose ids are location tags of the
 * content scheme): held back from the client, unless the caller may see them, and stored with the
 * entry as its tags. The application reads back what it set, as if they were sent.
 * Used under its response's capture lock.
 */
public final class HeldTags {

    private final String tagHeader;
    private final ContentTags scheme;
    private final boolean revealed;
    private final List<Map.Entry<String, String>> fields = new ArrayList<>(2);

    /**
     * @param tagHeader the configured tags header
     * @param scheme the content tag scheme, which {@code X-Location-Id}'s ids are tags of
     * @param revealed whether the caller sees the tags fields too (debug mode, a trusted caller)
     */
    public HeldTags(String tagHeader, ContentTags scheme, boolean revealed) {
        this.tagHeader = tagHeader;
        this.scheme = scheme;
        this.revealed = revealed;
    }

    /** Whether a field carries tags. */
    public boolean holds(String name) {
        return Tags.isTagHeader(name, tagHeader) || name.equalsIgnoreCase(PurgeRequest.LOCATION_FIELD);
    }

    /** Whether the tags fields also reach the client. */
    public boolean revealed() {
        return revealed;
    }

    /** A tags field set, replacing those of its name. */
    public void set(String name, String value) {
        fields.removeIf(f -> f.getKey().equalsIgnoreCase(name));
        add(name, value);
    }

    /** A tags field added. */
    public void add(String name, String value) {
        fields.add(Map.entry(name, value == null ? "" : value));
    }

    /** The first value of a tags field, or null. */
    public String first(String name) {
        List<String> all = all(name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The values of a tags field, in order. */
    public List<String> all(String name) {
        return fields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    /** The response starts again: what was held is forgotten. */
    public void clear() {
        fields.clear();
    }

    /** The response's tags: those code gave it, then those of its tags fields. */
    public Set<String> tags(Collection<String> fromCode) {
        Set<String> tags = new LinkedHashSet<>(fromCode);
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase(PurgeRequest.LOCATION_FIELD)) {
                tags.addAll(scheme.fromLocationIds(f.getValue()));
            } else {
                Tags.addTo(tags, f.getValue());
            }
        }
        return tags;
    }
}
