package io.gatecache.core.esi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatecache.core.CacheOptions;
import io.gatecache.core.Headers;
import io.gatecache.core.HttpDate;
import io.gatecache.core.StoredResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The caching fields of an assembled page, merged from its parts as Symfony's ResponseCacheStrategy does. */
class EsiMergeTest {

    private static final long NOW = 1_700_000_000_000L;

    /** A part received {@code ageSeconds} ago with the given fields and tags. */
    private static StoredResponse part(long ageSeconds, Set<String> tags, String... fields) {
        long received = NOW - ageSeconds * 1000;
        return new StoredResponse(200, Headers.of(fields), new byte[0], received, received, Headers.EMPTY, -1, null,
                tags);
    }

    private static EsiMerge.Merged merge(StoredResponse... parts) {
        return EsiMerge.merge(List.of(parts), CacheOptions.DEFAULTS, NOW);
    }

    @Test
    void theSmallestRemainingFreshnessWins() {
        EsiMerge.Merged m = merge(part(100, Set.of(), "Cache-Control", "public, max-age=60, s-maxage=600"),
                part(10, Set.of(), "Cache-Control", "public, max-age=30, s-maxage=60"));
        assertEquals("public, max-age=0, s-maxage=50", m.cacheControl(), "max-age: 60-100 is none left, 30-10; s-maxage: 600-100, 60-10");
    }

    @Test
    void aPrivateFragmentMakesThePagePrivate() {
        EsiMerge.Merged m = merge(part(0, Set.of(), "Cache-Control", "public, s-maxage=600"),
                part(0, Set.of(), "Cache-Control", "private, max-age=60"));
        assertEquals("private", m.cacheControl(), "no max-age: the page has none; no s-maxage when private");
    }

    @Test
    void noStoreOfAnyPartWinsAndNoCacheIsKept() {
        assertEquals("no-store", merge(part(0, Set.of(), "Cache-Control", "s-maxage=60"),
                part(0, Set.of(), "Cache-Control", "no-store")).cacheControl());
        assertEquals("no-cache, s-maxage=0", merge(part(0, Set.of(), "Cache-Control", "s-maxage=60"),
                part(0, Set.of(), "Cache-Control", "no-cache")).cacheControl());
    }

    @Test
    void publicOnlyWhenEveryPartSaysIt() {
        assertEquals("s-maxage=60", merge(part(0, Set.of(), "Cache-Control", "public, s-maxage=60"),
                part(0, Set.of(), "Cache-Control", "s-maxage=120")).cacheControl());
    }

    @Test
    void lastModifiedIsTheNewestWhenEveryPartHasOneAndTagsAreCombined() {
        String older = HttpDate.format(NOW - 86_400_000);
        String newer = HttpDate.format(NOW - 3_600_000);
        EsiMerge.Merged m = merge(part(0, Set.of("page"), "Cache-Control", "s-maxage=60", "Last-Modified", older,
                "ETag", "\"a\""), part(0, Set.of("frag"), "Cache-Control", "s-maxage=60", "Last-Modified", newer));
        assertEquals(newer, m.lastModified());
        assertEquals(Set.of("page", "frag"), m.tags());
        assertNull(merge(part(0, Set.of(), "Cache-Control", "s-maxage=60", "Last-Modified", older),
                part(0, Set.of(), "Cache-Control", "s-maxage=60")).lastModified(), "a part without: none");
    }
}
