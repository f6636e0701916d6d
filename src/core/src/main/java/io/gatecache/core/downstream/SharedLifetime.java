package io.gatecache.core.downstream;

import io.gatecache.core.CacheControl;
import java.util.regex.Pattern;

/**
 * The lifetime a shared cache downstream gives a response whose tags were cut: lowered to the
 * reduced TTL ({@code gatecache.downstream.tag-header.reduced-ttl}), since a purge of a tag left
 * out of the field would miss the copy there. Pure.
 */
public final class SharedLifetime {

    /** An {@code s-maxage} directive, its argument quoted or not, and the spaces around it. */
    private static final Pattern S_MAXAGE = Pattern.compile("(?i)\\s*s-maxage\\s*=\\s*(\"[^\"]*\"|[^,]*)\\s*");
    /** A {@code max-age} directive of {@code Surrogate-Control} (Fastly's). */
    private static final Pattern SURROGATE_MAX_AGE = Pattern.compile("(?i)(?<![\\w-])max-age\\s*=\\s*(\"[^\"]*\"|[^,;]*)");

    private SharedLifetime() {
    }

    /**
     * A {@code Cache-Control} value with its shared max-age at most {@code seconds}: an
     * {@code s-maxage} above it (or none) becomes {@code s-maxage=<seconds>}, one already at or
     * below it stays. A response no shared cache may store ({@code private}, {@code no-store}) is
     * left as it is: the directive would not change that, and is not added.
     *
     * @param value the response's {@code Cache-Control} (null: none)
     * @return the value to send
     */
    public static String lowered(String value, long seconds) {
        CacheControl cc = CacheControl.parse(value);
        if (cc.isPrivate() || cc.noStore()) {
            return value;
        }
        long current = cc.sMaxAge();
        if (current >= 0 && current <= seconds) {
            return value;
        }
        String rest = value == null ? "" : S_MAXAGE.matcher(value).replaceAll("");
        rest = rest.replaceAll("^[\\s,]+|[\\s,]+$", "").replaceAll("\\s*,[\\s,]*", ", ");
        return rest.isEmpty() ? "s-maxage=" + seconds : rest + ", s-maxage=" + seconds;
    }

    /**
     * A {@code Surrogate-Control} value with its {@code max-age} at most {@code seconds} (Fastly
     * reads it before {@code Cache-Control}); null stays null.
     */
    public static String loweredSurrogate(String value, long seconds) {
        if (value == null) {
            return null;
        }
        java.util.regex.Matcher m = SURROGATE_MAX_AGE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String arg = m.group(1).replace("\"", "").trim();
            boolean lower;
            try {
                lower = Long.parseLong(arg) > seconds;
            } catch (NumberFormatException e) {
                lower = true;
            }
            m.appendReplacement(out, lower ? "max-age=" + seconds : java.util.regex.Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
