package io.gatecache.core.tags;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The content tag scheme of Ibexa's http-cache: what a page showing content is tagged with, and
 * which tags each change to the content tree purges. Every tag starts with the repository prefix
 * (empty by default; Ibexa's {@code 1} makes {@code 1c55}).
 *
 * <table>
 * <caption>Tags</caption>
 * <tr><td>{@code c<content>}</td><td>a page showing the content</td></tr>
 * <tr><td>{@code ct<type>}</td><td>a page showing content of the type</td></tr>
 * <tr><td>{@code l<location>}</td><td>the location's page</td></tr>
 * <tr><td>{@code pl<parent>}</td><td>a page of one of the parent's children</td></tr>
 * <tr><td>{@code p<location>}</td><td>a page at or below the location (one per location on its path)</td></tr>
 * <tr><td>{@code r<content>}</td><td>a page showing a relation to the content</td></tr>
 * <tr><td>{@code rl<location>}</td><td>a page showing a relation to the location</td></tr>
 * <tr><td>{@code t<type>}</td><td>purged with {@code ct} when a type changes</td></tr>
 * <tr><td>the all-tag</td><td>every page tagged by this scheme</td></tr>
 * </table>
 *
 * <p>The purge sets are those of ibexa/http-cache's {@code CachePurge} event subscribers; the
 * seed scenarios: publishing content 55 at location 22 under 20 purges
 * {@code c55 r55 l22 pl22 rl22 l20 pl20}, moving 22 from 20 to 21 purges
 * {@code l20 pl20 l21 pl21 p22}.
 *
 * @param prefix the repository prefix, or empty
 * @param allTag the tag every page tagged by the scheme carries (without the prefix)
 */
public record ContentTags(String prefix, String allTag) {

    /** The all-tag unless configured otherwise. */
    public static final String DEFAULT_ALL_TAG = "all";

    /** A location: its id, its parent's (0 for a root), and the ids on its path from the root to itself. */
    public record Location(long id, long parentId, List<Long> path) {
        public Location {
            path = path == null || path.isEmpty() ? List.of(id) : List.copyOf(path);
        }

        public boolean isRoot() {
            return parentId <= 0;
        }
    }

    public ContentTags {
        prefix = prefix == null ? "" : prefix.trim();
        allTag = allTag == null || allTag.isBlank() ? DEFAULT_ALL_TAG : allTag.trim();
    }

    public String content(long id) {
        return prefix + "c" + id;
    }

    public String contentType(long id) {
        return prefix + "ct" + id;
    }

    public String location(long id) {
        return prefix + "l" + id;
    }

    /**
     * The location id a tag of this scheme names ({@code l<location>}, with the prefix), or null
     * when it names none: what a ban by location ids ({@code BAN} with {@code X-Location-Id})
     * matches.
     */
    public String locationId(String tag) {
        int start = prefix.length() + 1;
        if (tag.length() <= start || !tag.startsWith(prefix) || tag.charAt(start - 1) != 'l') {
            return null;
        }
        for (int i = start; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return tag.substring(start);
    }

    /**
     * The location tags of an {@code X-Location-Id} field (the seeds' way for a controller to tag
     * its response: {@code X-Location-Id: 123}, several ids comma-separated). What is not a run
     * of digits is ignored.
     */
    public Set<String> fromLocationIds(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            for (String part : value.split(",")) {
                String id = part.trim();
                if (!id.isEmpty() && id.length() <= 19 && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    out.add(prefix + "l" + id);
                }
            }
        }
        return out;
    }

    public String parentLocation(long id) {
        return prefix + "pl" + id;
    }

    public String path(long id) {
        return prefix + "p" + id;
    }

    public String relation(long contentId) {
        return prefix + "r" + contentId;
    }

    public String relationLocation(long locationId) {
        return prefix + "rl" + locationId;
    }

    public String type(long id) {
        return prefix + "t" + id;
    }

    public String all() {
        return prefix + allTag;
    }

    /**
     * The tag of an entity outside the content model: its type and id, {@code Article-7}. Characters
     * that would split a tag in a header (separators, controls, non-ASCII) are percent-encoded.
     */
    public String entity(String type, Object id) {
        return prefix + safe(type) + "-" + safe(String.valueOf(id));
    }

    /** The tag of every entity of a type, {@code Article}: lists of them carry it. */
    public String entityType(String type) {
        return prefix + safe(type);
    }

    private static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c > 0x20 && c < 0x7f && c != ',' && c != '%') {
                b.append(c);
            } else {
                for (byte x : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    b.append('%').append(String.format("%02X", x & 0xff));
                }
            }
        }
        return b.toString();
    }

    // ---- what a page is tagged with -------------------------------------------------------------

    /**
     * The tags of a page showing content at some of its locations: the all-tag, {@code c},
     * {@code ct} (when the type is known, &gt; 0), and for each location {@code l}, {@code pl} of
     * its parent and {@code p} of every location on its path.
     */
    public Set<String> contentView(long contentId, long contentTypeId, Collection<Location> locations) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(all());
        tags.add(content(contentId));
        if (contentTypeId > 0) {
            tags.add(contentType(contentTypeId));
        }
        for (Location l : locations) {
            tags.add(location(l.id()));
            if (!l.isRoot()) {
                tags.add(parentLocation(l.parentId()));
            }
            for (long p : l.path()) {
                tags.add(path(p));
            }
        }
        return tags;
    }

    /** The tags a page adds for showing a relation to content (at the given locations). */
    public Set<String> relationView(long contentId, Collection<Long> locationIds) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(relation(contentId));
        for (long l : locationIds) {
            tags.add(relationLocation(l));
        }
        return tags;
    }

    // ---- what a change purges ---------------------------------------------------------------

    /**
     * A new version of content published (also: content hidden or revealed, a relation of the
     * content added or removed, which Ibexa purges with the next publish of the relation's source):
     * {@code c r} of the content, {@code l pl rl} of each of its locations, {@code l pl} of each
     * one's parent.
     */
    public Set<String> published(long contentId, Collection<Location> locations) {
        Set<String> tags = contentTags(contentId);
        for (Location l : locations) {
            addLocationTags(tags, l);
        }
        return tags;
    }

    /** Content deleted: {@code c r} of the content, {@code p} of each location it had. */
    public Set<String> contentDeleted(long contentId, Collection<Long> formerLocationIds) {
        Set<String> tags = contentTags(contentId);
        for (long l : formerLocationIds) {
            tags.add(path(l));
        }
        return tags;
    }

    /**
     * A location hidden, revealed or deleted: {@code c r} of its content, {@code l pl rl} of it,
     * {@code l pl} of its parent, {@code p} of it (its whole subtree).
     */
    public Set<String> subtreeChanged(long contentId, Location location) {
        Set<String> tags = locationChanged(contentId, location);
        tags.add(path(location.id()));
        return tags;
    }

    /**
     * A location created or updated (not moved, hidden or revealed): {@code c r} of its content,
     * {@code l pl rl} of it, {@code l pl} of its parent.
     */
    public Set<String> locationChanged(long contentId, Location location) {
        Set<String> tags = contentTags(contentId);
        addLocationTags(tags, location);
        return tags;
    }

    /** A location moved: {@code l pl} of the old parent and of the new one, {@code p} of the location. */
    public Set<String> moved(long locationId, long oldParentId, long newParentId) {
        Set<String> tags = new LinkedHashSet<>();
        addParentTags(tags, oldParentId);
        addParentTags(tags, newParentId);
        tags.add(path(locationId));
        return tags;
    }

    /** A content type changed or deleted: {@code ct} and {@code t} of the type. */
    public Set<String> contentTypeChanged(long typeId) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(contentType(typeId));
        tags.add(type(typeId));
        return tags;
    }

    private Set<String> contentTags(long contentId) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(content(contentId));
        tags.add(relation(contentId));
        return tags;
    }

    private void addLocationTags(Set<String> tags, Location l) {
        tags.add(location(l.id()));
        tags.add(parentLocation(l.id()));
        tags.add(relationLocation(l.id()));
        if (!l.isRoot()) {
            addParentTags(tags, l.parentId());
        }
    }

    private void addParentTags(Set<String> tags, long parentId) {
        if (parentId > 0) {
            tags.add(location(parentId));
            tags.add(parentLocation(parentId));
        }
    }
}
