package io.gatecache.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TTLs by status: exact codes for any final status, classes for 4xx and 5xx only; an exact code beats its class. */
class StatusTtlsTest {

    private static void assertRejected(String list, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatusTtls.parse(list));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void exactCodesFor2xxAnd3xxApplyToThatCodeOnly() {
        StatusTtls t = StatusTtls.parse("201=10, 301=20");
        assertEquals(10L, t.ttl(201));
        assertEquals(20L, t.ttl(301));
        assertNull(t.ttl(200));
        assertNull(t.ttl(302));
    }

    @Test
    void classesFor4xxAnd5xxApplyToEveryCodeOfTheClass() {
        StatusTtls t = StatusTtls.parse("4xx=10,5XX=20");
        assertEquals(10L, t.ttl(400));
        assertEquals(10L, t.ttl(418));
        assertEquals(20L, t.ttl(503));
        assertNull(t.ttl(200));
        assertNull(t.ttl(301));
    }

    @Test
    void exactCodeBeatsItsClassWhicheverIsWrittenFirst() {
        for (String list : new String[] {"404=15,4xx=10", "4xx=10,404=15"}) {
            StatusTtls t = StatusTtls.parse(list);
            assertEquals(15L, t.ttl(404), list);
            assertEquals(10L, t.ttl(403), list);
        }
    }

    @Test
    void zeroTtlIsKeptAsSetNotTreatedAsAbsent() {
        assertEquals(0L, StatusTtls.parse("404=0").ttl(404));
    }

    @ParameterizedTest
    @CsvSource({"2xx=10", "3xx=10"})
    void classFor2xxOr3xxIsRefused(String entry) {
        assertRejected(entry, "'" + entry + "'", "classes are allowed for 4xx and 5xx only", "exact codes");
    }

    @ParameterizedTest
    @CsvSource({"199", "600", "100"})
    void codeOutsideTheFinalStatusesIsRefused(String code) {
        assertRejected(code + "=10", "'" + code + "=10'", "not a final status (200-599)");
    }

    @Test
    void malformedEntriesAreRefusedNamingTheEntry() {
        assertRejected("404=15,404", "status TTL '404'", "<code>=<seconds>");
        assertRejected("abc=5", "'abc=5'", "neither a status code nor a class");
        assertRejected("404=ten", "'404=ten'", "'ten' is not a number of seconds");
        assertRejected("404=-1", "'404=-1'", "negative");
    }

    @Test
    void blankListIsNone() {
        assertSame(StatusTtls.NONE, StatusTtls.parse(null));
        assertSame(StatusTtls.NONE, StatusTtls.parse("  "));
        assertTrue(StatusTtls.NONE.isEmpty());
        assertNull(StatusTtls.NONE.ttl(404));
    }

    @Test
    void writtenFormParsesBackToTheSameTtls() {
        StatusTtls t = StatusTtls.parse("201=10,404=15,4xx=10,5xx=3");
        StatusTtls back = StatusTtls.parse(t.toString());
        for (int status : new int[] {200, 201, 403, 404, 500, 503}) {
            assertEquals(t.ttl(status), back.ttl(status), "status " + status);
        }
    }

    @Test
    void aTtlForPartialContentIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StatusTtls.parse("200=10,206=60"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("'206=60'")
                && e.getMessage().contains("never stored"), e.getMessage());
    }
}
