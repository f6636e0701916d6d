package io.gatecache.core.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.RequestFields;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The HTTP dialects of purging: Symfony/FOSHttpCache, Varnish xkey, Varnish ban. */
class PurgeRequestTest {

    private static RequestFields fields(String... nameValues) {
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put(nameValues[i], nameValues[i + 1]);
        }
        return m::get;
    }

    private static PurgeRequest read(String method, String... fields) {
        return PurgeRequest.read(method, "/site/location/22?x=1", fields(fields), "X-Cache-Tags");
    }

    @Test
    void purgeAloneIsTheUrl() {
        assertEquals(new PurgeRequest.Url("/site/location/22?x=1"), read("PURGE"));
    }

    @Test
    void purgeWithXkeyIsAHardTagPurgeAndWithSoftpurgeASoftOne() {
        assertEquals(new PurgeRequest.ByTags(Set.of("t1", "t2"), false), read("PURGE", "xkey", "t1 t2"));
        assertEquals(new PurgeRequest.ByTags(Set.of("t1", "t2"), true), read("PURGE", "xkey-softpurge", "t1 t2"));
        assertEquals(new PurgeRequest.ByTags(Set.of("a"), true), read("PURGEKEYS", "xkey-softpurge", "a"));
        assertEquals(new PurgeRequest.ByTags(Set.of("a"), false), read("PURGEKEYS", "xkey-purge", "a"));
    }

    @Test
    void purgeTagsReadsTheTagsHeader() {
        assertEquals(new PurgeRequest.ByTags(Set.of("t1", "t2"), false), read("PURGETAGS", "X-Cache-Tags", "t1,t2"));
        assertEquals(new PurgeRequest.ByTags(Set.of("a"), false),
                PurgeRequest.read("PURGETAGS", "/", fields("X-Tags", "a"), "X-Tags"));
    }

    @Test
    void banReadsItsRegularExpressions() {
        assertEquals(new PurgeRequest.Ban("^/site/", null, null), read("BAN", "X-Url", "^/site/"));
        assertEquals(new PurgeRequest.Ban(".*", "^example\\.org$", "html"),
                read("BAN", "X-Url", ".*", "X-Host", "^example\\.org$", "X-Content-Type", "html"));
        assertEquals(new PurgeRequest.Ban("^/a", null, null), read("BAN", "X-Url", "^/a", "X-Host", ".*",
                "X-Content-Type", ".*"), "FOSHttpCache's .* sets no condition: an entry without Content-Type is banned too");
    }

    @Test
    void banWithXLocationIdBansByLocationIds() {
        assertEquals(new PurgeRequest.LocationBan("^(123|234)$"), read("BAN", "X-Location-Id", "^(123|234)$"));
        assertEquals(new PurgeRequest.LocationBan(".*"), read("BAN", "X-Location-Id", " .* "));
        assertInstanceOf(PurgeRequest.Malformed.class, read("BAN", "X-Location-Id", ""));
        assertInstanceOf(PurgeRequest.Malformed.class, read("BAN", "X-Location-Id", "1", "X-Url", ".*"),
                "one or the other");
        assertInstanceOf(PurgeRequest.Malformed.class, read("BAN"));
    }

    @Test
    void clearCacheTrueClearsEverything() {
        assertEquals(new PurgeRequest.All(), read("PURGE", "Clear-Cache", "true"));
        assertInstanceOf(PurgeRequest.Url.class, read("PURGE", "Clear-Cache", "no"));
    }

    @Test
    void whatCannotBeCarriedOutSaysWhy() {
        assertInstanceOf(PurgeRequest.Malformed.class, read("PURGETAGS"));
        assertInstanceOf(PurgeRequest.Malformed.class, read("PURGE", "xkey", " , "));
        assertInstanceOf(PurgeRequest.Malformed.class, read("BAN"));
        assertTrue(PurgeRequest.isPurgeMethod("BAN"));
        assertFalse(PurgeRequest.isPurgeMethod("ban"), "methods are case-sensitive");
    }
}
