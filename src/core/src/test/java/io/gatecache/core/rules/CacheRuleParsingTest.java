package io.gatecache.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing a cache rule definition ({@code match=...; mode=...; ttl=...; status=...}) and what it matches. */
class CacheRuleParsingTest {

    /** Asserts that parsing fails with a message that names the rule and contains each fragment. */
    static void assertParseError(String name, String definition, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CacheRule.parse(name, definition));
        assertTrue(e.getMessage().contains("cache rule '" + name + "'"),
                () -> "message does not name the rule: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks '" + f + "': " + e.getMessage());
        }
    }

    @Nested
    class Definitions {

        @Test
        void extensionRuleReadsMatchModeTtlAndStatusTtls() {
            CacheRule r = CacheRule.parse("images", "match=extension:jpg,png; mode=override; ttl=3600; status=404=15,4xx=10");
            assertEquals("images", r.name());
            assertEquals(CacheRule.Type.EXTENSION, r.type());
            assertEquals(List.of("jpg", "png"), r.values());
            assertEquals(OriginMode.OVERRIDE, r.mode());
            assertEquals(3600, r.ttl());
            assertEquals(15L, r.statusTtls().ttl(404));
            assertEquals(10L, r.statusTtls().ttl(403));
        }

        @Test
        void modeDefaultsToFollowElseDefaultAndTtlToZero() {
            CacheRule r = CacheRule.parse("static", "match=directory:/static/");
            assertEquals(CacheRule.Type.DIRECTORY, r.type());
            assertEquals(OriginMode.FOLLOW_ELSE_DEFAULT, r.mode());
            assertEquals(0, r.ttl());
            assertTrue(r.statusTtls().isEmpty());
        }

        @Test
        void extensionsAreLowerCasedAndLoseALeadingDot() {
            CacheRule r = CacheRule.parse("img", "match=extension: .JPG , Png ,");
            assertEquals(List.of("jpg", "png"), r.values());
        }

        @Test
        void directoryGetsLeadingAndTrailingSlash() {
            assertEquals(List.of("/static/"), CacheRule.parse("a", "match=directory:static").values());
            assertEquals(List.of("/assets/img/"), CacheRule.parse("b", "match=directory:/assets/img").values());
        }

        @Test
        void keysAndModeLabelsAreCaseInsensitive() {
            CacheRule r = CacheRule.parse("css", " MATCH = Extension:css ; Mode = Override ; TTL = 5 ");
            assertEquals(CacheRule.Type.EXTENSION, r.type());
            assertEquals(List.of("css"), r.values());
            assertEquals(OriginMode.OVERRIDE, r.mode());
            assertEquals(5, r.ttl());
        }

        @ParameterizedTest
        @CsvSource({
            "follow-else-default, FOLLOW_ELSE_DEFAULT",
            "follow-else-no-cache, FOLLOW_ELSE_NO_CACHE",
            "no-cache, NO_CACHE",
            "override, OVERRIDE"})
        void eachOfTheFourOriginModesParsesByItsLabel(String label, OriginMode mode) {
            assertEquals(mode, CacheRule.parse("m", "match=extension:js; mode=" + label).mode());
            assertEquals(label, mode.label());
        }

        @Test
        void definitionParsesBackToTheSameRule() {
            CacheRule r = CacheRule.parse("images", "match=extension:.JPG,png; mode=follow-else-no-cache; ttl=60; status=201=10,404=15,5xx=3");
            CacheRule back = CacheRule.parse("images", r.definition());
            assertEquals(r.type(), back.type());
            assertEquals(r.values(), back.values());
            assertEquals(r.mode(), back.mode());
            assertEquals(r.ttl(), back.ttl());
            for (int status : new int[] {200, 201, 404, 403, 503}) {
                assertEquals(r.statusTtls().ttl(status), back.statusTtls().ttl(status), "status " + status);
            }
        }
    }

    /** A bad definition fails with a message naming the rule and the problem. */
    @Nested
    class Errors {

        @Test
        void ruleWithoutMatchIsRejected() {
            assertParseError("nomatch", "mode=override; ttl=60", "no match=extension:... or match=directory:...");
        }

        @Test
        void unknownMatchKindIsRejected() {
            assertParseError("kind", "match=file:a.txt", "match 'file:a.txt'", "extension:<ext>", "directory:<path>");
        }

        @Test
        void extensionListThatNamesNothingIsRejected() {
            assertParseError("empty", "match=extension: , .", "names nothing");
        }

        @Test
        void unknownModeIsRejectedListingTheModes() {
            assertParseError("mode", "match=extension:js; mode=sometimes", "mode 'sometimes'",
                    "follow-else-default, follow-else-no-cache, no-cache, override");
        }

        @Test
        void nonNumericTtlIsRejected() {
            assertParseError("ttl", "match=extension:js; ttl=1h", "ttl '1h' is not a number of seconds");
        }

        @Test
        void negativeTtlIsRejected() {
            assertParseError("neg", "match=extension:js; ttl=-5", "ttl -5 is negative");
        }

        @Test
        void unknownKeyIsRejected() {
            assertParseError("key", "match=extension:js; expires=5", "unknown key 'expires'");
        }

        @Test
        void partWithoutEqualsIsRejected() {
            assertParseError("kv", "match=extension:js; override", "'override' is not key=value");
        }

        @Test
        void badStatusTtlIsReportedWithTheRuleName() {
            assertParseError("statuses", "match=extension:js; status=2xx=10", "'2xx=10'", "4xx and 5xx only");
        }

        @Test
        void invalidRuleNameIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CacheRule.parse("bad name", "match=extension:js"));
            assertTrue(e.getMessage().contains("rule name 'bad name'"), e.getMessage());
        }
    }

    @Nested
    class Matching {

        @Test
        void extensionRuleMatchesTheLastSegmentsExtensionCaseInsensitively() {
            CacheRule r = CacheRule.parse("img", "match=extension:jpg");
            assertTrue(r.matches("/a.jpg"));
            assertTrue(r.matches("/img/photo.JPG"));
            assertFalse(r.matches("/img.jpg/photo"));
            assertFalse(r.matches("/a.jpeg"));
            assertFalse(r.matches("/jpg"));
            assertFalse(r.matches("/a."));
        }

        @Test
        void directoryRuleMatchesPathsUnderItAndTheDirectoryItself() {
            CacheRule r = CacheRule.parse("static", "match=directory:/static");
            assertTrue(r.matches("/static/app.css"));
            assertTrue(r.matches("/static/"));
            assertTrue(r.matches("/static"));
            assertFalse(r.matches("/staticfiles/app.css"));
            assertFalse(r.matches("/other/static/app.css"));
            assertNull(RuleSet.EMPTY.match("/static/app.css"));
        }
    }

    @Test
    void aSecondMatchOrAnEmptyDirectoryIsRefused() {
        IllegalArgumentException twice = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CacheRule.parse("r", "match=extension:css; match=directory:/a/"));
        org.junit.jupiter.api.Assertions.assertTrue(twice.getMessage().contains("cache rule 'r'")
                && twice.getMessage().contains("match is given twice"), twice.getMessage());
        IllegalArgumentException empty = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CacheRule.parse("r", "match=directory:"));
        org.junit.jupiter.api.Assertions.assertTrue(empty.getMessage().contains("names no directory"),
                empty.getMessage());
    }
}
