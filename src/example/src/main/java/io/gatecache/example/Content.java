package io.gatecache.example;

import io.gatecache.api.content.ContentItem;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A piece of content with its own id; each write publishes a new version. */
@Entity
@Table(name = "site_content")
public class Content implements ContentItem {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 4000;

    @Id
    private long id;

    /** Eager: the entity listener reads the type id without the EntityManager. */
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "type_id", nullable = false)
    private ContentTypeEntity type;

    @Column(nullable = false, length = MAX_TITLE)
    private String title;

    @Column(length = MAX_BODY)
    private String body;

    @Version
    private int version;

    protected Content() {
    }

    public Content(long id, ContentTypeEntity type, String title, String body) {
        this.id = id;
        this.type = type;
        this.title = title;
        this.body = body;
    }

    @Override
    public long contentId() {
        return id;
    }

    @Override
    public long contentTypeId() {
        return type == null ? 0 : type.contentTypeId();
    }

    public long getId() {
        return id;
    }

    public ContentTypeEntity getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public int getVersion() {
        return version;
    }

    /** A new version: its title and body. */
    public void publish(String newTitle, String newBody) {
        this.title = newTitle;
        this.body = newBody;
    }
}
