package io.gatecache.core;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP-date parsing and formatting, RFC 9110 §5.6.7.
 *
 * <p>Recipients accept all three formats: IMF-fixdate, the obsolete RFC 850 format and ANSI C's
 * asctime() format. A value that matches none of them parses to {@link Optional#empty()}; each
 * caller gives that its defined meaning (an invalid {@code Expires} means "already expired",
 * an invalid {@code If-Modified-Since} is ignored, an invalid {@code Date} is treated as absent).
 */
public final class HttpDate {

    private static final Map<Long, String> DAYS = Map.of(1L, "Mon", 2L, "Tue", 3L, "Wed", 4L, "Thu",
            5L, "Fri", 6L, "Sat", 7L, "Sun");

    /** IMF-fixdate: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    private static final DateTimeFormatter IMF_FIXDATE = new DateTimeFormatterBuilder()
            .appendText(ChronoField.DAY_OF_WEEK, DAYS).appendLiteral(", ")
            .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral(' ')
            .appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT).appendLiteral(' ')
            .appendValue(ChronoField.YEAR, 4).appendLiteral(' ')
            .appendPattern("HH:mm:ss").appendLiteral(" GMT")
            .toFormatter(Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** obsolete RFC 850 format: {@code Sunday, 06-Nov-94 08:49:37 GMT}. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.ENGLISH);

    /** ANSI C asctime(): {@code Sun Nov  6 08:49:37 1994}. */
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("EEE MMM")
            .appendLiteral(' ')
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("d HH:mm:ss yyyy")
            .toFormatter(Locale.ENGLISH);

    private static final DateTimeFormatter IMF_PARSE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'")
            .toFormatter(Locale.ENGLISH);

    private HttpDate() {
    }

    /** Parses an HTTP-date in any of the three formats; empty when the value is not a valid HTTP-date. */
    public static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {IMF_PARSE, RFC_850, ASCTIME}) {
            Optional<Instant> parsed = parseIgnoringDayName(v, f);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        return Optional.empty();
    }

    /**
     * One format, without checking the day name against the date: the day name is redundant, and
     * a recipient is to be robust in parsing timestamps (RFC 9110 §5.6.7), so a wrong one does not
     * make the date invalid.
     */
    private static Optional<Instant> parseIgnoringDayName(String v, DateTimeFormatter f) {
        ParsePosition position = new ParsePosition(0);
        TemporalAccessor t = f.parseUnresolved(v, position);
        if (t == null || position.getErrorIndex() >= 0 || position.getIndex() != v.length()) {
            return Optional.empty();
        }
        try {
            long year = t.isSupported(ChronoField.YEAR) ? t.getLong(ChronoField.YEAR) : t.getLong(ChronoField.YEAR_OF_ERA);
            LocalDateTime time = LocalDateTime.of(Math.toIntExact(year), Math.toIntExact(t.getLong(ChronoField.MONTH_OF_YEAR)),
                    Math.toIntExact(t.getLong(ChronoField.DAY_OF_MONTH)), Math.toIntExact(t.getLong(ChronoField.HOUR_OF_DAY)),
                    Math.toIntExact(t.getLong(ChronoField.MINUTE_OF_HOUR)), Math.toIntExact(t.getLong(ChronoField.SECOND_OF_MINUTE)));
            return Optional.of(time.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Formats an instant as IMF-fixdate, the only format a sender generates. */
    public static String format(Instant instant) {
        try {
            return IMF_FIXDATE.format(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return IMF_FIXDATE.format(ZonedDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC));
        }
    }

    /** Formats epoch milliseconds as IMF-fixdate. */
    public static String format(long epochMillis) {
        return format(Instant.ofEpochMilli(epochMillis));
    }
}
