package io.gatecache.example;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * The embedded H2 database and its seed: the site's tree and the articles, written once, in one
 * transaction, when the bean is first used ({@link SiteStartup} uses it as the application starts,
 * before any request, so no page stored later predates the seed's cache clears).
 *
 * <pre>
 * location parent content title
 *        2      -      52 Home
 *       20      2      50 News
 *       21      2      51 Archive
 *       22     20      55 Child
 *       23     20      57 Sibling
 *       24     21      56 Related (relates to content 55)
 * </pre>
 */
@Singleton
@DataSourceDefinition(name = "java:app/jdbc/example", className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:gatecache-example;DB_CLOSE_DELAY=-1", user = "sa", password = "")
public class SiteData {

    static final long FOLDER = 1;
    static final long ARTICLE = 2;

    @PersistenceContext(unitName = "example")
    private EntityManager em;

    @PostConstruct
    void seed() {
        if (em.find(Location.class, 2L) == null) {
            seedSite();
        }
        if (em.createNamedQuery("Article.all", Article.class).setMaxResults(1).getResultList().isEmpty()) {
            long now = Instant.now().getEpochSecond();
            em.persist(new Article("Welcome", "A page cached by the gateway cache.", now));
            em.persist(new Article("Validation", "Revalidated with ETag and Last-Modified.", now));
            em.persist(new Article("Expiration", "Fresh for its max-age, then stale.", now));
        }
    }

    private void seedSite() {
        ContentTypeEntity folder = persist(new ContentTypeEntity(FOLDER, "folder"));
        ContentTypeEntity article = persist(new ContentTypeEntity(ARTICLE, "article"));
        Content home = persist(new Content(52, folder, "Home", "The site's front page."));
        Content news = persist(new Content(50, folder, "News", "What is new."));
        Content archive = persist(new Content(51, folder, "Archive", "What was new."));
        Content child = persist(new Content(55, article, "Child", "An article in the news."));
        Content sibling = persist(new Content(57, article, "Sibling", "Another article in the news."));
        Content related = persist(new Content(56, article, "Related", "An archived article that relates to Child."));
        Location root = persist(new Location(2, null, home));
        Location l20 = persist(new Location(20, root, news));
        Location l21 = persist(new Location(21, root, archive));
        persist(new Location(22, l20, child));
        persist(new Location(23, l20, sibling));
        persist(new Location(24, l21, related));
        persist(new Relation(related, child));
    }

    private <T> T persist(T entity) {
        em.persist(entity);
        return entity;
    }

    /** Nothing: using the bean seeds the database. */
    @Lock(LockType.READ)
    public void ready() {
    }
}
