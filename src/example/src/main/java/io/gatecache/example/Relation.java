package io.gatecache.example;

import io.gatecache.api.content.ContentRelation;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A relation from one content to another, shown as a box on the source's pages. */
@Entity
@Table(name = "site_relation", uniqueConstraints = @UniqueConstraint(columnNames = {"source_id", "destination_id"}))
@NamedQuery(name = "Relation.from", query = "select r from Relation r where r.source.id = :content order by r.id")
@NamedQuery(name = "Relation.between",
        query = "select r from Relation r where r.source.id = :source and r.destination.id = :destination")
@NamedQuery(name = "Relation.involving",
        query = "select r from Relation r where r.source.id = :content or r.destination.id = :content")
public class Relation implements ContentRelation {

    @Id
    @GeneratedValue
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "source_id", nullable = false)
    private Content source;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "destination_id", nullable = false)
    private Content destination;

    protected Relation() {
    }

    public Relation(Content source, Content destination) {
        this.source = source;
        this.destination = destination;
    }

    @Override
    public long sourceContentId() {
        return source.getId();
    }

    @Override
    public long destinationContentId() {
        return destination.getId();
    }

    public Long getId() {
        return id;
    }

    public Content getSource() {
        return source;
    }

    public Content getDestination() {
        return destination;
    }
}
