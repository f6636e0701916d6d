package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §5.6.7: HTTP-date, the three formats a recipient accepts and the one a sender generates. */
class HttpDateTest {

    /** Sun, 06 Nov 1994 08:49:37 GMT, the RFC's own example, as epoch millis. */
    private static final Optional<Instant> RFC_EXAMPLE = Optional.of(Instant.ofEpochMilli(784_111_777_000L));

    @Test
    @Tag("MUST")
    void parsesImfFixdate() {
        // RFC 9110 §5.6.7: IMF-fixdate is the preferred format; surrounding OWS is not part of the value (§5.5)
        assertEquals(RFC_EXAMPLE, HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(RFC_EXAMPLE, HttpDate.parse("  Sun, 06 Nov 1994 08:49:37 GMT \t"));
    }

    @Test
    @Tag("MUST")
    void parsesObsoleteRfc850DateWithTwoDigitYear() {
        // RFC 9110 §5.6.7: recipients MUST accept rfc850-date; "94" is 1994 (2094 would be > 50 years ahead)
        assertEquals(RFC_EXAMPLE, HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
    }

    @Test
    @Tag("MUST")
    void parsesAsctimeDateWithOneOrTwoDigitDay() {
        // RFC 9110 §5.6.7: asctime-date, day is "SP 1DIGIT" below 10
        assertEquals(RFC_EXAMPLE, HttpDate.parse("Sun Nov  6 08:49:37 1994"));
        // Wed 16 Nov 1994 = the example + 10 days = 784111777 + 864000 s
        assertEquals(Optional.of(Instant.ofEpochMilli(784_975_777_000L)), HttpDate.parse("Wed Nov 16 08:49:37 1994"));
    }

    @Test
    @Tag("SHOULD")
    void aWrongDayNameDoesNotInvalidateTheDate() {
        // RFC 9110 §5.6.7: recipients are to be robust; the day name repeats what the date says
        assertEquals(RFC_EXAMPLE, HttpDate.parse("Thu, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(RFC_EXAMPLE, HttpDate.parse("Thu Nov  6 08:49:37 1994"));
        assertEquals(RFC_EXAMPLE, HttpDate.parse("Thursday, 06-Nov-94 08:49:37 GMT"));
        // but a name that is no day name, or a date that does not exist, is still invalid
        assertTrue(HttpDate.parse("Xyz, 06 Nov 1994 08:49:37 GMT").isEmpty());
        assertTrue(HttpDate.parse("Sun, 31 Nov 1994 08:49:37 GMT").isEmpty());
    }

    @ParameterizedTest
    @Tag("MUST")
    @NullAndEmptySource
    @ValueSource(strings = {"0", "-1", "tomorrow", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 +0000",
            "1994-11-06T08:49:37Z", "Sun, 06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT"})
    void invalidValuesParseToEmpty(String value) {
        // RFC 9111 §5.3: such values (notably "0") are invalid dates; each caller gives that its meaning
        assertTrue(HttpDate.parse(value).isEmpty(), () -> "parsed: " + value);
    }

    @Test
    @Tag("MUST")
    void formatsImfFixdateWithOneSecondResolution() {
        // RFC 9110 §5.6.7: a sender MUST generate IMF-fixdate; 784111777.999 s formats as 784111777 s
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(784_111_777_999L));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(0L));
        // the fixed clock of these tests: 1_700_000_000 s
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", HttpDate.format(Fixtures.NOW));
    }

    @ParameterizedTest
    @Tag("MUST")
    @CsvSource({"1,Jan", "2,Feb", "3,Mar", "4,Apr", "5,May", "6,Jun", "7,Jul", "8,Aug", "9,Sep", "10,Oct", "11,Nov",
            "12,Dec"})
    void everyMonthFormatsAsThreeLetterNameAndRoundTrips(int month, String name) {
        // RFC 9110 §5.6.7: month = "Jan" / "Feb" / ... (exactly three letters, "Sep" not "Sept"); 29 characters
        long t = LocalDateTime.of(2023, month, 15, 12, 30, 45).toInstant(ZoneOffset.UTC).toEpochMilli();
        String formatted = HttpDate.format(t);
        assertEquals(name, formatted.substring(8, 11), formatted);
        assertEquals(29, formatted.length(), formatted);
        assertEquals(Optional.of(Instant.ofEpochMilli(t)), HttpDate.parse(formatted));
    }
}
