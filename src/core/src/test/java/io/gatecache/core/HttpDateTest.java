package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §5.6.7: HTTP-date, the three formats a recipient accepts and the one a sender generates. */
class HttpDateTest {

    /** Sun, 06 Nov 1994 08:49:37 GMT, the RFC's own example, as epoch millis. */
    private static final long RFC_EXAMPLE = 784_111_777_000L;

    @Test
    void parsesImfFixdate() {
        // RFC 9110 §5.6.7: IMF-fixdate is the preferred format
        assertEquals(Optional.of(Instant.ofEpochMilli(RFC_EXAMPLE)), HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
    }

    @Test
    void parsesObsoleteRfc850DateWithTwoDigitYear() {
        // RFC 9110 §5.6.7: recipients MUST accept rfc850-date; "94" is 1994
        assertEquals(Optional.of(Instant.ofEpochMilli(RFC_EXAMPLE)), HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
    }

    @Test
    void parsesAsctimeDateWithSpacePaddedDay() {
        // RFC 9110 §5.6.7: asctime-date, day is "SP 1DIGIT" when below 10
        assertEquals(Optional.of(Instant.ofEpochMilli(RFC_EXAMPLE)), HttpDate.parse("Sun Nov  6 08:49:37 1994"));
    }

    @Test
    void parsesAsctimeDateWithTwoDigitDay() {
        // 16 Nov 1994 (a Wednesday) = the RFC example + 10 days = 784111777 + 864000 s
        assertEquals(Optional.of(Instant.ofEpochMilli(784_975_777_000L)), HttpDate.parse("Wed Nov 16 08:49:37 1994"));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        // RFC 9110 §5.5: leading and trailing OWS is not part of the field value
        assertEquals(Optional.of(Instant.ofEpochMilli(RFC_EXAMPLE)), HttpDate.parse("  Sun, 06 Nov 1994 08:49:37 GMT \t"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0", "-1", "tomorrow", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 +0000",
            "1994-11-06T08:49:37Z", "Sun, 06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT"})
    void invalidValuesParseToEmpty(String value) {
        // RFC 9111 §5.3: such values (notably "0") are invalid dates; the caller gives that its meaning
        assertTrue(HttpDate.parse(value).isEmpty(), () -> "parsed: " + value);
    }

    @Test
    void formatsImfFixdate() {
        // RFC 9110 §5.6.7: a sender MUST generate IMF-fixdate
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(RFC_EXAMPLE));
    }

    @Test
    void formatsEpochAndPadsDayOfMonth() {
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(0L));
    }

    @Test
    void formatDropsMilliseconds() {
        // HTTP-date has one-second resolution: 784111777.999 s formats as 784111777 s
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(RFC_EXAMPLE + 999));
    }

    @ParameterizedTest
    @CsvSource({"1,Jan", "2,Feb", "3,Mar", "4,Apr", "5,May", "6,Jun", "7,Jul", "8,Aug", "9,Sep", "10,Oct", "11,Nov",
            "12,Dec"})
    void everyMonthFormatsAsThreeLetterNameAndRoundTrips(int month, String name) {
        // RFC 9110 §5.6.7: month = "Jan" / "Feb" / ... (exactly three letters, "Sep" not "Sept")
        long t = LocalDateTime.of(2023, month, 15, 12, 30, 45).toInstant(ZoneOffset.UTC).toEpochMilli();
        String formatted = HttpDate.format(t);
        assertEquals(name, formatted.substring(8, 11), formatted);
        assertEquals(29, formatted.length(), formatted);
        assertEquals(Optional.of(Instant.ofEpochMilli(t)), HttpDate.parse(formatted));
    }

    @Test
    void fixedClockValueRoundTrips() {
        // 1_700_000_000 s = Tue, 14 Nov 2023 22:13:20 GMT
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", HttpDate.format(Fixtures.NOW));
        assertEquals(Optional.of(Instant.ofEpochMilli(Fixtures.NOW)), HttpDate.parse("Tue, 14 Nov 2023 22:13:20 GMT"));
    }
}
