package io.gatecache.jakarta.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.api.CacheClearEvent;
import io.gatecache.api.spi.EntityChangeRecorder;
import io.gatecache.core.tags.ContentTags;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The clear event the cache fires, as its observers see it, and how the API's listener finds the recorder. */
class ClearEventTest {

    private final ContentTags prefixed = new ContentTags("1", "all");

    @Test
    void theEventTheCacheFiresHasNoPublicConstructor() {
        assertEquals(0, ClearEvent.class.getConstructors().length);
        assertEquals(0, CacheClearEvent.class.getConstructors().length);
    }

    @Test
    void anObserverBuildsTagsWithTheConfiguredPrefixAndAddsThemToTheClearList() {
        CacheClearEvent event = ClearEvent.published(55, prefixed);
        event.addLocation(20).addTag(event.scheme().content(55)).addTag(" sitemap ").addTag(" ")
                .addTags(List.of(event.scheme().all()));
        assertEquals(List.of("1l20", "1c55", "sitemap", "1all"), List.copyOf(event.tags()));
        assertThrows(UnsupportedOperationException.class, () -> event.tags().add("x"));
    }

    @Test
    void aPublishIsNoTreeChangeAndADeletionIs() {
        assertEquals(false, ClearEvent.published(55, prefixed).isTreeChange());
        EntityChange deleted = new EntityChange(CacheClearEvent.Change.DELETED, null, 57, 0, 0, 0, 0, 0, "Content", 57);
        ClearEvent event = new ClearEvent(deleted, List.of(23L), prefixed);
        assertTrue(event.isTreeChange());
        assertEquals(List.of(23L), event.locationIds());
        assertEquals(Set.of(), event.tags());
    }

    @Test
    void theTagSchemeIsTheCoresWithItsPrefix() {
        CacheClearEvent event = ClearEvent.published(55, prefixed);
        assertEquals(prefixed.entity("Article", 7), event.scheme().entity("Article", 7));
        assertEquals("1Article-7", event.scheme().entity("Article", 7));
        assertEquals("1pl20", event.scheme().parentLocation(20));
        assertEquals("1rl22", event.scheme().relationLocation(22));
    }

    @Test
    void theApiListenerFindsTheRecorderWithServiceLoader() {
        List<EntityChangeRecorder> found = ServiceLoader.load(EntityChangeRecorder.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertEquals(1, found.size(), found.toString());
        assertInstanceOf(ChangeRecorder.class, found.get(0));
    }
}
