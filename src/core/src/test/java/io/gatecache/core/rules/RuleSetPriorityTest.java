package io.gatecache.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CDN priority: an extension rule beats a directory rule; among rules of one type, the first defined wins. */
class RuleSetPriorityTest {

    private static CacheRule rule(String name, String definition) {
        return CacheRule.parse(name, definition);
    }

    private final CacheRule staticDir = rule("static-dir", "match=directory:/static/");
    private final CacheRule jpg = rule("jpg", "match=extension:jpg");
    private final CacheRule imagesDir = rule("images-dir", "match=directory:/static/images/");
    private final CacheRule images = rule("images", "match=extension:png,jpg");

    @Test
    void extensionRuleBeatsADirectoryRuleDefinedBeforeIt() {
        RuleSet set = new RuleSet(List.of(staticDir, jpg));
        assertSame(jpg, set.match("/static/a.jpg"));
    }

    @Test
    void firstDefinedExtensionRuleWins() {
        assertSame(jpg, new RuleSet(List.of(jpg, images)).match("/x/a.jpg"));
        assertSame(images, new RuleSet(List.of(images, jpg)).match("/x/a.jpg"));
    }

    @Test
    void firstDefinedDirectoryRuleWinsEvenOverAMoreSpecificOne() {
        assertSame(staticDir, new RuleSet(List.of(staticDir, imagesDir)).match("/static/images/a.gif"));
        assertSame(imagesDir, new RuleSet(List.of(imagesDir, staticDir)).match("/static/images/a.gif"));
    }

    @Test
    void directoryRuleAppliesWhenNoExtensionRuleMatches() {
        RuleSet set = new RuleSet(List.of(jpg, staticDir));
        assertSame(staticDir, set.match("/static/app.css"));
        assertNull(set.match("/other/app.css"));
    }

    @Test
    void ruleDefinedTwiceIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RuleSet(List.of(jpg, rule("jpg", "match=directory:/x/"))));
        assertTrue(e.getMessage().contains("'jpg'") && e.getMessage().contains("defined twice"), e.getMessage());
    }

    @Test
    void withReplacesARuleOfTheSameNameInItsPlaceSoItKeepsItsPriority() {
        CacheRule jpgOverride = rule("jpg", "match=extension:jpg; mode=override; ttl=60");
        RuleSet set = new RuleSet(List.of(jpg, images)).with(jpgOverride);
        assertEquals(List.of(jpgOverride, images), set.rules());
        assertSame(jpgOverride, set.match("/a.jpg"));
    }

    @Test
    void withAddsANewRuleLastSoAnEarlierRuleOfItsTypeStillWins() {
        RuleSet set = new RuleSet(List.of(images)).with(jpg);
        assertEquals(List.of(images, jpg), set.rules());
        assertSame(images, set.match("/a.jpg"));
    }

    @Test
    void withoutRemovesTheNamedRule() {
        RuleSet set = new RuleSet(List.of(images, jpg)).without("images");
        assertEquals(List.of(jpg), set.rules());
        assertSame(jpg, set.match("/a.jpg"));
        assertNull(set.match("/a.png"));
        assertTrue(set.without("jpg").isEmpty());
    }
}
