package io.gatecache.example;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.List;

/**
 * The site's reads and edits, each call one JTA transaction. An edit that cannot be made throws a
 * {@link SiteException} (status and text for the client), which rolls the transaction back; the
 * cache clears only what committed transactions changed.
 */
@Stateless
public class Site {

    /** What a location's page shows. */
    public record LocationPage(Location location, Content content, List<Location> children, List<Related> related) {
    }

    /** Related content shown in a box: its locations, and the one to link to (0 if none is visible). */
    public record Related(Content content, List<Long> locationIds, long link) {
    }

    @PersistenceContext(unitName = "example")
    private EntityManager em;

    // ---- reads ------------------------------------------------------------------------------

    /** A visible location's page; 404 for an unknown location or a hidden one (or one below a hidden one). */
    public LocationPage page(long id) {
        Location location = em.find(Location.class, id);
        if (location == null || !location.visible()) {
            throw new SiteException(404, "no location " + id);
        }
        List<Location> children = children(id).stream().filter(c -> !c.isHidden()).toList();
        List<Related> related = em.createNamedQuery("Relation.from", Relation.class)
                .setParameter("content", location.contentId()).getResultList().stream()
                .map(r -> related(r.getDestination())).toList();
        return new LocationPage(location, location.getContent(), children, related);
    }

    private Related related(Content content) {
        List<Location> locations = locationsOf(content.getId());
        long link = locations.stream().filter(Location::visible).mapToLong(Location::getId).findFirst().orElse(0);
        return new Related(content, locations.stream().map(Location::getId).toList(), link);
    }

    /** Every location, by id. */
    public List<Location> locations() {
        return em.createNamedQuery("Location.all", Location.class).getResultList();
    }

    // ---- edits ------------------------------------------------------------------------------

    /**
     * Publishes a new version of content. With {@code fail}, the update is written (flushed) and
     * then the transaction rolls back, as an edit failing late would.
     */
    public void publish(long contentId, String title, String body, boolean fail) {
        Content content = content(contentId);
        content.publish(title, body);
        if (fail) {
            em.flush();
            throw new SiteException(409, "publishing content " + contentId + " failed as asked (?fail=true): rolled back");
        }
    }

    /** Moves a location under another one. */
    public void move(long locationId, long parentId) {
        Location location = location(locationId);
        Location parent = em.find(Location.class, parentId);
        if (parent == null) {
            throw new SiteException(409, "no location " + parentId + " to move location " + locationId + " under");
        }
        if (parent.path().contains(locationId)) {
            throw new SiteException(409, "location " + locationId + " cannot move under itself or its own subtree ("
                    + parentId + ")");
        }
        if (location.getParent() != parent) {
            location.moveTo(parent);
        }
    }

    /** Hides or unhides a location (and so its subtree). */
    public void hide(long locationId, boolean hidden) {
        location(locationId).setHidden(hidden);
    }

    /**
     * Deletes content: its relations from and to it, its locations, itself. Refused while one of
     * its locations has children of other content (move or delete them first).
     */
    public void deleteContent(long contentId) {
        Content content = content(contentId);
        List<Location> locations = locationsOf(contentId);
        for (Location l : locations) {
            for (Location child : children(l.getId())) {
                if (child.contentId() != contentId) {
                    throw new SiteException(409, "location " + l.getId() + " of content " + contentId
                            + " has children (" + child.getId() + "); move or delete them first");
                }
            }
        }
        em.createNamedQuery("Relation.involving", Relation.class).setParameter("content", contentId)
                .getResultList().forEach(em::remove);
        locations.stream().sorted(Comparator.comparingInt((Location l) -> l.path().size()).reversed())
                .forEach(em::remove);
        em.remove(content);
    }

    /** Adds a relation from one content to another. */
    public void relate(long sourceId, long destinationId) {
        Content source = content(sourceId);
        Content destination = em.find(Content.class, destinationId);
        if (destination == null) {
            throw new SiteException(409, "no content " + destinationId + " to relate to");
        }
        if (sourceId == destinationId) {
            throw new SiteException(409, "content " + sourceId + " cannot relate to itself");
        }
        if (!relations(sourceId, destinationId).isEmpty()) {
            throw new SiteException(409, "content " + sourceId + " already relates to " + destinationId);
        }
        em.persist(new Relation(source, destination));
    }

    /** Removes the relation from one content to another. */
    public void unrelate(long sourceId, long destinationId) {
        content(sourceId);
        List<Relation> relations = relations(sourceId, destinationId);
        if (relations.isEmpty()) {
            throw new SiteException(404, "content " + sourceId + " has no relation to " + destinationId);
        }
        relations.forEach(em::remove);
    }

    /** Renames a content type. */
    public void renameType(long typeId, String name) {
        ContentTypeEntity type = em.find(ContentTypeEntity.class, typeId);
        if (type == null) {
            throw new SiteException(404, "no content type " + typeId);
        }
        type.rename(name);
    }

    // ---- lookups ----------------------------------------------------------------------------

    private Content content(long id) {
        Content content = em.find(Content.class, id);
        if (content == null) {
            throw new SiteException(404, "no content " + id);
        }
        return content;
    }

    private Location location(long id) {
        Location location = em.find(Location.class, id);
        if (location == null) {
            throw new SiteException(404, "no location " + id);
        }
        return location;
    }

    private List<Location> children(long id) {
        return em.createNamedQuery("Location.children", Location.class).setParameter("parent", id).getResultList();
    }

    private List<Location> locationsOf(long contentId) {
        return em.createNamedQuery("Location.ofContent", Location.class).setParameter("content", contentId)
                .getResultList();
    }

    private List<Relation> relations(long sourceId, long destinationId) {
        return em.createNamedQuery("Relation.between", Relation.class).setParameter("source", sourceId)
                .setParameter("destination", destinationId).getResultList();
    }
}
