package io.gatecache.core.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tag scheme and the purge sets of Ibexa's http-cache, on the tree of its documentation:
 * location 2 (root) with 20 and 21 under it, 22 (content 55) and 23 (content 57) under 20.
 */
class ContentTagsTest {

    private final ContentTags tags = new ContentTags("", "all");
    private final ContentTags.Location child = new ContentTags.Location(22, 20, List.of(2L, 20L, 22L));

    @Test
    void publishingContent55AtLocation22Under20PurgesTheSeedSet() {
        assertEquals(Set.of("c55", "r55", "l22", "pl22", "rl22", "l20", "pl20"), tags.published(55, List.of(child)));
    }

    @Test
    void movingLocation22From20To21PurgesTheSeedSet() {
        assertEquals(Set.of("l20", "pl20", "l21", "pl21", "p22"), tags.moved(22, 20, 21));
    }

    @Test
    void deletingContentPurgesItAndTheSubtreesOfItsFormerLocations() {
        assertEquals(Set.of("c55", "r55", "p22"), tags.contentDeleted(55, List.of(22L)));
    }

    @Test
    void hidingUnhidingOrDeletingALocationPurgesItsContentItItsParentAndItsSubtree() {
        assertEquals(Set.of("c55", "r55", "l22", "pl22", "rl22", "l20", "pl20", "p22"), tags.subtreeChanged(55, child));
    }

    @Test
    void creatingOrUpdatingALocationPurgesItsContentItAndItsParent() {
        assertEquals(Set.of("c55", "r55", "l22", "pl22", "rl22", "l20", "pl20"), tags.locationChanged(55, child));
    }

    @Test
    void aContentTypeChangePurgesItsTypeTags() {
        assertEquals(Set.of("ct2", "t2"), tags.contentTypeChanged(2));
    }

    @Test
    void aRootLocationHasNoParentTags() {
        ContentTags.Location root = new ContentTags.Location(2, 0, List.of(2L));
        assertEquals(Set.of("c52", "r52", "l2", "pl2", "rl2"), tags.published(52, List.of(root)));
    }

    @Test
    void aPageIsTaggedWithItsContentTypeLocationParentAndEveryLocationOnItsPath() {
        assertEquals(List.of("all", "c55", "ct2", "l22", "pl20", "p2", "p20", "p22"),
                List.copyOf(tags.contentView(55, 2, List.of(child))));
        assertEquals(Set.of("r55", "rl22"), tags.relationView(55, List.of(22L)));
    }

    @Test
    void theRepositoryPrefixStartsEveryTag() {
        ContentTags second = new ContentTags("1", "all");
        assertEquals(Set.of("1l20", "1pl20", "1l21", "1pl21", "1p22"), second.moved(22, 20, 21));
        assertEquals("1all", second.all());
    }

    @Test
    void anEntityTagIsItsTypeAndIdWithSeparatorsEncoded() {
        assertEquals("Article-7", tags.entity("Article", 7L));
        assertEquals("Note-a%2Cb%20c", tags.entity("Note", "a,b c"));
        assertEquals("Article", tags.entityType("Article"));
    }
}
