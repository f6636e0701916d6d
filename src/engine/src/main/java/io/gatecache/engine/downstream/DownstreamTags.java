package io.gatecache.engine.downstream;

import io.gatecache.core.Headers;
import io.gatecache.core.downstream.SharedLifetime;
import io.gatecache.core.downstream.TagField;
import io.gatecache.engine.ErrorText;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A response's tags as they go to the proxy or CDN in front, in the field it reads
 * ({@code gatecache.downstream.tag-header}): cut at the maximum length when one is set, the shared
 * lifetime downstream then lowered to the reduced TTL, a warning logged (at most once a minute per
 * path, query left out, with how many times it happened meanwhile; at most ten a minute in all)
 * and counted. The entry stored here keeps every
 * tag.
 */
public final class DownstreamTags {

    private static final Logger LOG = Logger.getLogger(DownstreamTags.class.getName());
    /** How often one path's warning is logged at most. */
    static final long WARNING_INTERVAL_MILLIS = 60_000;
    /** The paths whose warnings are remembered at most; the least recent are forgotten first. */
    static final int WARNED_PATHS = 1024;
    /** The most warnings logged a minute, over every path (the rest are counted in the next one). */
    static final int WARNINGS_PER_MINUTE = 10;

    /** The fields a CDN reads before {@code Cache-Control}, whose {@code max-age} is lowered too. */
    private static final String[] TARGETED = {"Surrogate-Control", "CDN-Cache-Control", "Cloudflare-CDN-Cache-Control"};

    private final TagField field;
    private final long reducedTtlSeconds;
    private final Clock clock;
    private final DownstreamCounters counters;
    /** Per path: when its warning was last logged, and how many cuts since. */
    private final Map<String, long[]> warned = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > WARNED_PATHS;
        }
    };

    public DownstreamTags(TagField field, long reducedTtlSeconds, Clock clock, DownstreamCounters counters) {
        this.field = field;
        this.reducedTtlSeconds = reducedTtlSeconds;
        this.clock = clock;
        this.counters = counters;
    }

    /** Tags stay here. */
    public static DownstreamTags none() {
        return new DownstreamTags(TagField.NONE, 0, Clock.systemUTC(), new DownstreamCounters());
    }

    /** Whether tags go downstream at all. */
    public boolean on() {
        return field.on();
    }

    /** The field's name (null when tags do not go downstream). */
    public String fieldName() {
        return field.name();
    }

    /**
     * The fields to set on a response (each replacing the lines of its name): the tag field, and
     * when it was cut, {@code Cache-Control} and {@code Surrogate-Control} with the shared lifetime
     * lowered. Empty when tags do not go downstream, or the response has none.
     *
     * @param response the response's fields as they go out
     * @param tags its tags
     * @param path its key (path and query), for the warning
     */
    public Headers fields(Headers response, Collection<String> tags, String path) {
        if (!field.on() || tags.isEmpty()) {
            return Headers.EMPTY;
        }
        TagField.Value value = field.render(tags);
        Headers.Builder out = Headers.builder();
        if (!value.text().isEmpty()) {
            out.add(field.name(), value.text());
        }
        if (value.cut()) {
            String cc = response.get("Cache-Control");
            String lowered = SharedLifetime.lowered(cc, reducedTtlSeconds);
            if (lowered != null && !lowered.equals(cc)) {
                out.add("Cache-Control", lowered);
            }
            for (String targeted : TARGETED) {
                String v = response.get(targeted);
                if (v != null) {
                    out.add(targeted, SharedLifetime.loweredMaxAge(v, reducedTtlSeconds));
                }
            }
            cut(path, value);
        }
        return out.build();
    }

    /** The minute the warnings logged are counted in, how many were, and how many were not since the last one. */
    private long minuteStart = Long.MIN_VALUE / 2;
    private int loggedThisMinute;
    private long unlogged;

    private void cut(String key, TagField.Value value) {
        counters.tagFieldsCut.increment();
        int query = key.indexOf('?');
        String path = query < 0 ? key : key.substring(0, query);
        long now = clock.millis();
        long times;
        long others;
        synchronized (warned) {
            long[] w = warned.get(path);
            if (w != null && now - w[0] < WARNING_INTERVAL_MILLIS) {
                w[1]++;
                return;
            }
            if (now - minuteStart >= WARNING_INTERVAL_MILLIS) {
                minuteStart = now;
                loggedThisMinute = 0;
            }
            if (loggedThisMinute >= WARNINGS_PER_MINUTE) {
                unlogged++;
                return;
            }
            loggedThisMinute++;
            others = unlogged;
            unlogged = 0;
            times = w == null ? 1 : w[1] + 1;
            warned.put(path, new long[] {now, 0});
        }
        LOG.warning(() -> "Gatecache: the tags of " + ErrorText.escape(path) + " do not fit in " + field.name() + " ("
                + field.maxLength() + " bytes, gatecache.downstream.tag-header.max-length): " + value.kept() + " sent, "
                + value.dropped() + " left out, and the shared max-age downstream lowered to " + reducedTtlSeconds
                + " s (gatecache.downstream.tag-header.reduced-ttl)"
                + (times > 1 ? "; " + times + " times since the last warning for this path" : "")
                + (others > 0 ? "; " + others + " more cuts elsewhere were not logged (at most "
                        + WARNINGS_PER_MINUTE + " warnings a minute)" : ""));
    }
}
