package io.gatecache.example;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The content repository on the embedded H2 database, seeded on first use (at deployment the
 * schema is not created yet when a startup bean would run).
 */
@Singleton
@DataSourceDefinition(name = "java:app/jdbc/example", className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:gatecache-example;DB_CLOSE_DELAY=-1", user = "sa", password = "")
public class Articles {

    @PersistenceContext(unitName = "example")
    private EntityManager em;

    @PostConstruct
    void seed() {
        if (em.createNamedQuery("Article.all", Article.class).setMaxResults(1).getResultList().isEmpty()) {
            long now = Instant.now().getEpochSecond();
            em.persist(new Article("Welcome", "A page cached by the gateway cache.", now));
            em.persist(new Article("Validation", "Revalidated with ETag and Last-Modified.", now));
            em.persist(new Article("Expiration", "Fresh for its max-age, then stale.", now));
        }
    }

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
