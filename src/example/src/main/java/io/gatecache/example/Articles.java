package io.gatecache.example;

import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** The articles on the embedded H2 database (seeded by {@link SiteData}). */
@Singleton
public class Articles {

    @PersistenceContext(unitName = "example")
    private EntityManager em;

    public List<Article> all() {
        return em.createNamedQuery("Article.all", Article.class).getResultList();
    }

    public Article find(long id) {
        return em.find(Article.class, id);
    }

    public Article edit(long id, String title, String body) {
        Article a = em.find(Article.class, id);
        if (a != null) {
            a.edit(title, body, Instant.now().getEpochSecond());
        }
        return a;
    }
}
