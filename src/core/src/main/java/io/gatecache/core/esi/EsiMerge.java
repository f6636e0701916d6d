package io.gatecache.core.esi;

import io.gatecache.core.CacheControl;
import io.gatecache.core.CacheOptions;
import io.gatecache.core.Freshness;
import io.gatecache.core.HttpDate;
import io.gatecache.core.StoredResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The caching fields of a page assembled from its parts (the page and every fragment included),
 * as Symfony's {@code ResponseCacheStrategy} merges them:
 * <ul>
 * <li>{@code no-store} of any part wins outright; {@code private} and {@code no-cache} of any
 * part win; {@code public} only when every part says it; {@code must-revalidate} when any part
 * says it;</li>
 * <li>{@code s-maxage}: the smallest remaining shared freshness of the parts (each part's
 * lifetime less its age); {@code max-age}: the smallest remaining {@code max-age}, only when
 * every part has one (a part without leaves the page to shared caches);</li>
 * <li>{@code ETag} is dropped (no single entity tag describes the whole); {@code Last-Modified}
 * is the newest of the parts', only when every part has one, so a 304 on it is never wrong;</li>
 * <li>the tags are all the parts' tags, and the page varies on whatever a fragment varies on.</li>
 * </ul>
 * Pure: parts in, fields out.
 */
public final class EsiMerge {

    private EsiMerge() {
    }

    /**
     * The merged fields.
     *
     * @param cacheControl the page's new Cache-Control
     * @param lastModified the page's new Last-Modified, or null for none
     * @param tags every part's tags
     * @param vary the request fields any fragment varies on ({@code *} when one varies on anything)
     */
    public record Merged(String cacheControl, String lastModified, Set<String> tags, Set<String> vary) {
    }

    /**
     * Merges the parts of a page.
     *
     * @param parts the page first, then each fragment as it was included
     * @param now the instant of the assembly
     */
    public static Merged merge(List<StoredResponse> parts, CacheOptions options, long now) {
        return anchored(parts, options, now).at(now);
    }

    /**
     * The merge of a page's parts made at {@code now}, from which its fields at {@code now} or at
     * any later instant the parts are all still fresh follow (the parts age alike: what is left of
     * the freshest-ending part's freshness is what is left of the merge's).
     */
    public static Anchored anchored(List<StoredResponse> parts, CacheOptions options, long now) {
        boolean noStore = false;
        boolean isPrivate = false;
        boolean noCache = false;
        boolean allPublic = true;
        boolean mustRevalidate = false;
        boolean allMaxAge = true;
        long maxAge = Long.MAX_VALUE;
        long sMaxAge = Long.MAX_VALUE;
        boolean allModified = true;
        long lastModified = Long.MIN_VALUE;
        Set<String> tags = new LinkedHashSet<>();
        Set<String> vary = new LinkedHashSet<>();
        for (StoredResponse r : parts) {
            if (r != parts.get(0)) {
                if (r.vary().any()) {
                    vary.add("*");
                } else {
                    vary.addAll(r.vary().fields());
                }
            }
            CacheControl cc = r.cacheControl();
            noStore |= cc.noStore();
            isPrivate |= cc.isPrivate();
            noCache |= cc.noCache();
            allPublic &= cc.isPublic();
            mustRevalidate |= cc.mustRevalidate() || cc.proxyRevalidate();
            long age = Freshness.currentAge(r, now);
            sMaxAge = Math.min(sMaxAge, Math.max(0, Freshness.freshnessLifetime(r, options) - age));
            if (cc.maxAge() >= 0) {
                maxAge = Math.min(maxAge, Math.max(0, cc.maxAge() * 1000 - age));
            } else {
                allMaxAge = false;
            }
            if (r.lastModified() >= 0) {
                lastModified = Math.max(lastModified, r.lastModified());
            } else {
                allModified = false;
            }
            tags.addAll(r.tags());
        }
        String modified = allModified && !parts.isEmpty() ? HttpDate.format(lastModified) : null;
        StringJoiner flags = new StringJoiner(", ");
        if (isPrivate) {
            flags.add("private");
        } else if (allPublic) {
            flags.add("public");
        }
        if (noCache) {
            flags.add("no-cache");
        }
        if (mustRevalidate) {
            flags.add("must-revalidate");
        }
        return new Anchored(now, noStore ? null : flags.toString(), allMaxAge ? maxAge : Long.MAX_VALUE,
                isPrivate ? Long.MAX_VALUE : sMaxAge, modified, tags, vary);
    }

    /**
     * A merge as it was made at an instant.
     *
     * @param madeAt the instant of the merge
     * @param flags the Cache-Control directives without a lifetime, in order; null for {@code no-store}
     * @param maxAgeMillis what was left of the smallest {@code max-age} then, or {@link Long#MAX_VALUE} for none
     * @param sMaxAgeMillis what was left of the smallest shared freshness then, or {@link Long#MAX_VALUE} for none
     * @param lastModified the page's new Last-Modified, or null for none
     * @param tags every part's tags
     * @param vary the request fields any fragment varies on
     */
    public record Anchored(long madeAt, String flags, long maxAgeMillis, long sMaxAgeMillis, String lastModified,
            Set<String> tags, Set<String> vary) {

        /** The merged fields at {@code now}, no earlier than the merge. */
        public Merged at(long now) {
            if (flags == null) {
                return new Merged("no-store", lastModified, tags, vary);
            }
            long aged = Math.max(0, now - madeAt);
            StringJoiner out = new StringJoiner(", ");
            if (!flags.isEmpty()) {
                out.add(flags);
            }
            if (maxAgeMillis != Long.MAX_VALUE) {
                out.add("max-age=" + Math.max(0, maxAgeMillis - aged) / 1000);
            }
            if (sMaxAgeMillis != Long.MAX_VALUE) {
                out.add("s-maxage=" + Math.max(0, sMaxAgeMillis - aged) / 1000);
            }
            return new Merged(out.toString(), lastModified, tags, vary);
        }
    }
}
