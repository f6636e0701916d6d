package io.gatecache.core.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.CacheOptions;
import io.gatecache.core.Freshness;
import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Purges recorded, not applied: entries are judged against them when read. */
class PurgeLedgerTest {

    private static final long RETENTION = 1_000_000;
    private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(10_000);
    private final java.time.Clock clock = new java.time.Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(now.get());
        }
    };
    private final PurgeLedger ledger = new PurgeLedger(clock, RETENTION);

    /** An entry whose request started at {@code built}, fresh for 100 s, with tags. */
    private static StoredResponse entry(long built, String... tags) {
        return new StoredResponse(200, Headers.of("Cache-Control", "max-age=100, stale-while-revalidate=30",
                "Content-Type", "text/html"), new byte[0], built, built + 10,
                Headers.of(Variants.ORIGIN, "http://example.org"), -1, null, Set.of(tags));
    }

    @Test
    void aHardPurgeRemovesEntriesBuiltAtOrBeforeItAndNoOthers() {
        StoredResponse before = entry(1000, "c55", "l22");
        StoredResponse same = entry(2000, "c55");
        StoredResponse after = entry(2001, "c55");
        StoredResponse other = entry(1000, "c57");
        ledger.tagsPurged(List.of("c55"), 2000, false);
        assertNull(ledger.judge("/a", before));
        assertNull(ledger.judge("/a", same), "a request started in the purge's millisecond may have read old data");
        assertSame(after, ledger.judge("/a", after));
        assertSame(other, ledger.judge("/a", other));
    }

    @Test
    void aResponseWhoseRequestStartedBeforeAHardPurgeIsRefused() {
        ledger.tagsPurged(List.of("c55"), 2000, false);
        assertTrue(ledger.refuses("/a", entry(1500, "c55"), 1500));
        assertFalse(ledger.refuses("/a", entry(2500, "c55"), 2500));
        assertFalse(ledger.refuses("/a", entry(1500, "c57"), 1500));
    }

    @Test
    void aSoftPurgeMakesEntriesStaleFromItsInstantStillWithinTheirStaleWindows() {
        StoredResponse e = entry(1000, "c55");
        ledger.tagsPurged(List.of("c55"), 5000, true);
        StoredResponse judged = ledger.judge("/a", e);
        assertEquals(5000, judged.staleFrom());
        CacheOptions o = CacheOptions.DEFAULTS;
        long lifetime = Freshness.freshnessLifetime(judged, o);
        assertFalse(Freshness.isFresh(lifetime, Freshness.currentAge(judged, 5000)), "stale at the purge");
        assertTrue(Freshness.isFresh(lifetime, Freshness.currentAge(judged, 4999)), "fresh just before it");
        assertTrue(Freshness.currentAge(judged, 6000) - lifetime <= Freshness.staleWhileRevalidate(judged, o),
                "within stale-while-revalidate, counted from the purge");
        assertFalse(ledger.refuses("/a", e, 1000), "a soft purge refuses nothing: the entry is stored stale");
    }

    @Test
    void aHardPurgeBeatsASoftOne() {
        ledger.tagsPurged(List.of("c55"), 3000, true);
        ledger.tagsPurged(List.of("l22"), 4000, false);
        assertNull(ledger.judge("/a", entry(1000, "c55", "l22")));
    }

    @Test
    void aBanRemovesMatchingEntriesOlderThanIt() {
        ledger.banned(Ban.of("^/site/", null, null, 2000));
        assertNull(ledger.judge("/site/location/22", entry(1000)));
        assertEquals(1, ledger.judge("/x", List.of(entry(1000))).size(), "another URL");
        assertEquals(1, ledger.judge("/site/x", List.of(entry(2500))).size(), "built after the ban");
        assertTrue(ledger.refuses("/site/x", entry(1500), 1500));
    }

    @Test
    void aBanByLocationIdsRemovesTheEntriesOneOfWhoseLocationTagsMatches() {
        // the seeds' BAN with X-Location-Id: ^(20|22)$ (and the content scheme's prefix "1")
        ledger.banned(Ban.ofLocations("^(20|22)$", "1", 2000));
        assertNull(ledger.judge("/a", entry(1000, "1l20", "1pl2")), "location 20");
        assertNull(ledger.judge("/b", entry(1000, "1c55", "1l22")), "location 22");
        assertEquals(1, ledger.judge("/c", List.of(entry(1000, "1l21", "1pl20", "1rl22", "1p20"))).size(),
                "no l20 or l22 of its own: its parent, path and relation tags are not its location");
        assertEquals(1, ledger.judge("/d", List.of(entry(1000, "1l220", "l20"))).size(),
                "the expression's anchors hold, and a tag without the prefix is not the scheme's");
        assertEquals(1, ledger.judge("/e", List.of(entry(2500, "1l20"))).size(), "built after the ban");
        assertTrue(ledger.refuses("/f", entry(1500, "1l22"), 1500));
    }

    @Test
    void aBanOfEveryLocationIdReachesEveryEntryWithOneAndNoOther() {
        ledger.banned(Ban.ofLocations(".*", "", 2000));
        assertNull(ledger.judge("/a", entry(1000, "c55", "l7")));
        assertEquals(1, ledger.judge("/b", List.of(entry(1000, "c55", "pl7", "all"))).size());
    }

    @Test
    void aBanByLocationIdsTravelsAsTextAndBack() {
        Ban ban = Ban.ofLocations("^(123|234)$", "1", 2000);
        Ban back = Ban.decode(ban.encode(), 2000);
        assertEquals("^(123|234)$", back.locations());
        assertEquals("1", back.tagPrefix());
        assertNull(back.url());
        Ban byUrl = Ban.decode(Ban.of("^/a", "h", null, 1).encode(), 1);
        assertEquals("^/a", byUrl.url());
        assertNull(byUrl.locations());
        assertThrows(IllegalArgumentException.class, () -> Ban.madeForLocations("(.*1){14}$", "", 1),
                "a backtracking expression is refused when it is made");
    }

    @Test
    void aBanMayNameTheHostAndTheContentType() {
        ledger.banned(Ban.of(".*", "^other\\.org$", null, 2000));
        assertEquals(1, ledger.judge("/a", List.of(entry(1000))).size());
        ledger.banned(Ban.of(".*", "example", "html", 3000));
        assertTrue(ledger.judge("/a", List.of(entry(1000))).isEmpty());
    }

    @Test
    void aBacktrackingBanStopsAtItsBudgetOfCharactersAndCountsAsAMatchEveryTime() {
        // (.*a){12} over 40 a's and a last character that fails it: billions of ways to try without
        // a bound; with one, the match ends once it has read its budget of characters, whatever
        // the clock, and counts as a match (the entry is fetched again)
        ledger.banned(Ban.of("^/echo/rb/(.*a){12}$", null, null, 2000));
        String key = "/echo/rb/" + "a".repeat(40) + "b";
        for (int i = 0; i < 100; i++) {
            assertNull(ledger.judge(key, entry(1000)), "the same answer each time");
        }
        assertEquals(1, ledger.judge(key, List.of(entry(2500))).size(), "an entry built after the ban is not judged");
    }

    @Test
    void aBanSeenToRunPastItsBudgetWhenMadeIsRefusedThen() {
        for (String backtracking : List.of("(.*a){12}$", ".*a.*a.*a.*a.*a.*a$", "(.*-){10}x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Ban.made(backtracking, null, null, 1), backtracking);
            assertTrue(e.getMessage().contains("nested repetition"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Ban.made(".*", "(.*o){10}$", null, 1), "host");
        // the engine reads these within the budget (nested quantifiers it does not retry)
        for (String linear : List.of("^/site/", "^/static/.*\\.css$", ".*", "/header/ban-[0-9]", "^/(a|b)/.*x.*y$",
                "(a+)+$", "(\\w+)*\\.css$")) {
            assertEquals(linear, Ban.made(linear, null, null, 1).url());
        }
        // one that backtracks only past a prefix the values tried do not have cannot be told when
        // made: it is taken, and its budget bounds every match (below)
        assertEquals(2000, Ban.made("^/echo/rb/(.*a){12}$", null, null, 2000).at());
        // a ban another node recorded is taken as it is
        assertEquals("(.*a){12}$", Ban.decode("(.*a){12}$\u0000\u0000", 5).url());
    }

    @Test
    void aLinearBanReadsALongUrlToTheEndWithinItsBudget() {
        ledger.banned(Ban.of("^/static/.*\\.css$", null, null, 2000));
        String path = "/static/" + "x/".repeat(4000);
        assertEquals(1, ledger.judge(path + "site.js", List.of(entry(1000))).size(), "read whole: no match");
        assertNull(ledger.judge(path + "site.css", entry(1000)));
    }

    @Test
    void aBanThatIsNotARegularExpressionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ban.of("(", null, null, 1));
    }

    @Test
    void aBanSurvivesItsEncoding() {
        Ban b = Ban.of("^/a", null, "json", 7);
        Ban back = Ban.decode(b.encode(), 7);
        assertEquals(b.url(), back.url());
        assertNull(back.host());
        assertEquals("json", back.contentType());
    }

    @Test
    void aClearRemovesEverythingOlder() {
        ledger.cleared(2000);
        assertNull(ledger.judge("/a", entry(2000)));
        assertTrue(ledger.refuses("/a", entry(1999), 1999));
        assertFalse(ledger.refuses("/a", entry(2001), 2001));
    }

    @Test
    void anEntryOlderThanTheRetentionIsRetiredSoNoForgottenRecordCanBringItBack() {
        StoredResponse e = entry(1000, "c55");
        ledger.tagsPurged(List.of("c55"), 2000, false);
        now.set(2000 + RETENTION + PurgeLedger.BUILD_MARGIN_MILLIS + 1);
        ledger.forgetOld();
        assertEquals(0, ledger.taggedRecords(), "the record is forgotten");
        assertNull(ledger.judge("/a", e), "and the entry it hid stays gone: it is older than the retention");
    }

    @Test
    void oldRecordsAreLookedForAtMostOnceAMinute() {
        now.set(10 * RETENTION);
        ledger.forgetOld();
        ledger.tagsPurged(List.of("old"), 1000, false);
        ledger.forgetOld();
        assertEquals(1, ledger.taggedRecords(), "a purge right after a look does not visit the records again");
        now.addAndGet(PurgeLedger.FORGET_INTERVAL_MILLIS);
        ledger.forgetOld();
        assertEquals(0, ledger.taggedRecords());
    }

    @Test
    void recordsOlderThanEveryEntryAreForgotten() {
        ledger.tagsPurged(List.of("old"), 1000, false);
        ledger.tagsPurged(List.of("new"), 9000, false);
        ledger.banned(Ban.of("^/old", null, null, 1000));
        ledger.forgetBefore(5000);
        assertEquals(1, ledger.taggedRecords());
        assertTrue(ledger.bans().isEmpty());
    }

    @Test
    void untaggedEntriesAreNotCopied() {
        List<StoredResponse> variants = List.of(entry(1000), entry(1000, "c1"));
        ledger.tagsPurged(List.of("c2"), 5000, false);
        assertSame(variants, ledger.judge("/a", variants));
    }

    @Test
    void aBanMadeHereIsRefusedWhenTheBoundIsInForceAndOneMadeElsewhereNever() {
        for (int i = 0; i < PurgeLedger.MAX_BANS; i++) {
            ledger.admit(Ban.of("^/" + i + "$", null, null, 2000));
        }
        assertThrows(TooManyBans.class, () -> ledger.admit(Ban.of("^/one-more$", null, null, 3000)));
        assertEquals(PurgeLedger.MAX_BANS, ledger.bans().size(), "the refused ban is not in force");
        // recorded by another node that admitted it: in force here too
        ledger.banned(Ban.of("^/elsewhere$", null, null, 3000));
        assertEquals(PurgeLedger.MAX_BANS + 1, ledger.bans().size());
        assertNull(ledger.judge("/elsewhere", entry(2500)));
    }

    @Test
    void aBanMadeHereIsAdmittedOnceTheBansInForceAreTooOldToReachAnything() {
        for (int i = 0; i < PurgeLedger.MAX_BANS; i++) {
            ledger.admit(Ban.of("^/" + i + "$", null, null, 2000));
        }
        now.set(2000 + RETENTION + PurgeLedger.BUILD_MARGIN_MILLIS + 1);
        ledger.admit(Ban.of("^/new$", null, null, now.get()));
        assertEquals(1, ledger.bans().size());
    }
}
