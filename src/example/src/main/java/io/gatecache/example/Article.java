package io.gatecache.example;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Version;

/** A piece of content. Its version and modification time are its validators. */
@Entity
@NamedQuery(name = "Article.all", query = "select a from Article a order by a.id")
public class Article {

    @Id
    @GeneratedValue
    private Long id;

    private String title;

    @Column(length = 4000)
    private String body;

    /** Modification time in epoch seconds (HTTP dates have one-second resolution). */
    private long modified;

    @Version
    private int version;

    protected Article() {
    }

    public Article(String title, String body, long modified) {
        this.title = title;
        this.body = body;
        this.modified = modified;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public long getModified() {
        return modified;
    }

    public int getVersion() {
        return version;
    }

    public void edit(String newTitle, String newBody, long when) {
        this.title = newTitle;
        this.body = newBody;
        this.modified = when;
    }
}
