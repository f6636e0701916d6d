package io.gatecache.example;

import io.gatecache.api.content.ContentItem;
import io.gatecache.api.content.ContentLocation;
import io.gatecache.api.content.ContentModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.List;
import java.util.function.Function;

/**
 * How the cache looks the site's content up. The cache calls it while a page is tagged and after
 * a transaction has committed (to find a published content's locations), so it reads through an
 * EntityManager of its own for each call rather than the transaction's; what it returns is
 * detached, with the eager parents and content the tagging reads.
 */
@ApplicationScoped
public class SiteContentModel implements ContentModel {

    @PersistenceUnit(unitName = "example")
    EntityManagerFactory emf;

    @Override
    public List<? extends ContentLocation> locationsOf(long contentId) {
        return read(em -> em.createNamedQuery("Location.ofContent", Location.class)
                .setParameter("content", contentId).getResultList());
    }

    @Override
    public ContentLocation location(long locationId) {
        return read(em -> em.find(Location.class, locationId));
    }

    @Override
    public ContentItem content(long contentId) {
        return read(em -> em.find(Content.class, contentId));
    }

    private <T> T read(Function<EntityManager, T> query) {
        EntityManager em = emf.createEntityManager();
        try {
            return query.apply(em);
        } finally {
            em.close();
        }
    }
}
