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
     * A {@code Cache-Control} value with its shared lifetime at most {@code seconds}: the lifetime
     * a shared cache reads ({@code s-maxage}, else {@code max-age}) becomes
     * {@code s-maxage=<the lower of the two>}. Never raised: a response with no explicit lifetime,
     * or a lower one, keeps what it has; a response no shared cache may store ({@code private},
     * {@code no-store}) is left as it is.
     *
     * @param value the response's {@code Cache-Control} (null: none)
     * @return the value to send
     */
    public static String lowered(String value, long seconds) {
        CacheControl cc = CacheControl.parse(value);
        if (cc.isPrivate() || cc.noStore()) {
            return value;
        }
        long shared = cc.sMaxAge() >= 0 ? cc.sMaxAge() : cc.maxAge();
        if (shared < 0 || shared <= seconds) {
            return value;
        }
        return withSMaxAge(value, seconds);
    }

    /**
     * A {@code Cache-Control} value no shared cache keeps fresh: {@code s-maxage=0} in place of any
     * {@code s-maxage}, for a response begun before a purge of what it shows (a proxy in front
     * whose fetch was under way when the purge reached it must not keep it). A response no shared
     * cache may store is left as it is.
     */
    public static String staleForSharedCaches(String value) {
        CacheControl cc = CacheControl.parse(value);
        if (cc.isPrivate() || cc.noStore()) {
            return value;
        }
        return withSMaxAge(value, 0);
    }

    /** A {@code Cache-Control} value with {@code s-maxage=<seconds>} in place of any it had. */
    private static String withSMaxAge(String value, long seconds) {
        String rest = value == null ? "" : S_MAXAGE.matcher(value).replaceAll("");
        rest = rest.replaceAll("^[\\s,]+|[\\s,]+$", "").replaceAll("\\s*,[\\s,]*", ", ");
        return rest.isEmpty() ? "s-maxage=" + seconds : rest + ", s-maxage=" + seconds;
    }

    /**
     * A value with its {@code max-age} at most {@code seconds}: {@code Surrogate-Control} (Fastly
     * reads it before {@code Cache-Control}), {@code CDN-Cache-Control} and
     * {@code Cloudflare-CDN-Cache-Control} (RFC 9213, which a CDN reads first); null stays null.
     */
    public static String loweredMaxAge(String value, long seconds) {
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
