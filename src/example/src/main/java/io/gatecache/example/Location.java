package io.gatecache.example;

import io.gatecache.api.content.ContentLocation;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A place of content in the tree. Only the parent is stored: the path is walked up the parents,
 * so a move writes the moved row alone. Parent and content are eager, so that the entity
 * listener, the tagging and the pages read them without the EntityManager, also once detached.
 */
@Entity
@Table(name = "site_location")
@NamedQuery(name = "Location.all", query = "select l from Location l order by l.id")
@NamedQuery(name = "Location.children", query = "select l from Location l where l.parent.id = :parent order by l.id")
@NamedQuery(name = "Location.ofContent", query = "select l from Location l where l.content.id = :content order by l.id")
public class Location implements ContentLocation {

    /** Deeper than any tree here: a guard against a cycle, which moves refuse to make. */
    private static final int MAX_DEPTH = 1000;

    @Id
    private long id;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "parent_id")
    private Location parent;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "content_id", nullable = false)
    private Content content;

    private boolean hidden;

    protected Location() {
    }

    public Location(long id, Location parent, Content content) {
        this.id = id;
        this.parent = parent;
        this.content = content;
    }

    @Override
    public long locationId() {
        return id;
    }

    @Override
    public long parentLocationId() {
        return parent == null ? 0 : parent.getId();
    }

    @Override
    public long contentId() {
        return content.getId();
    }

    @Override
    public boolean hidden() {
        return hidden;
    }

    /** The ids from the root down to this location. */
    @Override
    public List<Long> path() {
        Deque<Long> ids = new ArrayDeque<>();
        for (Location l = this; l != null && ids.size() < MAX_DEPTH; l = l.getParent()) {
            ids.addFirst(l.getId());
        }
        return List.copyOf(ids);
    }

    /** Whether the location and every one above it are shown. */
    public boolean visible() {
        int depth = 0;
        for (Location l = this; l != null && depth < MAX_DEPTH; l = l.getParent(), depth++) {
            if (l.isHidden()) {
                return false;
            }
        }
        return true;
    }

    public long getId() {
        return id;
    }

    public Location getParent() {
        return parent;
    }

    public Content getContent() {
        return content;
    }

    public boolean isHidden() {
        return hidden;
    }

    public void moveTo(Location newParent) {
        this.parent = newParent;
    }

    public void setHidden(boolean hidden) {
        this.hidden = hidden;
    }
}
