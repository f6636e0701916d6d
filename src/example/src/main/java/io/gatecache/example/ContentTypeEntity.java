package io.gatecache.example;

import io.gatecache.api.content.ContentType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A content type (folder, article): renaming it clears the pages showing content of the type. */
@Entity
@Table(name = "site_content_type")
public class ContentTypeEntity implements ContentType {

    @Id
    private long id;

    @Column(nullable = false, length = 100)
    private String name;

    protected ContentTypeEntity() {
    }

    public ContentTypeEntity(long id, String name) {
        this.id = id;
        this.name = name;
    }

    @Override
    public long contentTypeId() {
        return id;
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }
}
