package io.gatecache.engine;

import io.gatecache.core.BoundedMemo;
import io.gatecache.core.Lookup;
import io.gatecache.core.RequestFields;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.esi.EsiMerge;
import io.gatecache.spi.ResponseStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembled ESI pages kept whole, so that the next delivery of the same stored page is a check
 * and one write: a page is kept when every include came fresh from the store (nested pages too),
 * none varying on the request, and is given again while its parts are all still fresh and the
 * store's stamp of each ({@link ResponseStore#stamp}) is what it was before the part was read. A
 * write of a part (a refresh), its invalidation, eviction or expiry, a purge by tag, a ban or a
 * clear moves a stamp, and the page is assembled again. Only for a page a client asked for,
 * without request directives (its includes' lookups would read them).
 *
 * <p>Bounded: at most {@value #MAX_PAGES} pages and {@value #MAX_BYTES} bytes of them (all are
 * forgotten when either is reached); a page over {@value #MAX_PAGE_BYTES} bytes is not kept.
 */
final class KeptPages {

    static final int MAX_PAGES = 1024;
    static final long MAX_BYTES = 32L << 20;
    static final long MAX_PAGE_BYTES = 1L << 20;

    /** A kept page: its bytes in one array, its merge, and what it was built from. */
    private record Kept(ByteChunks body, EsiMerge.Anchored merge, String[] keys, long[] stamps, long freshUntil,
            int includes) {
    }

    private final ResponseStore store;
    /** Where reuses count the includes they answer from the store. */
    private final Statistics statistics;
    private final BoundedMemo<String, Kept> pages = new BoundedMemo<>(MAX_PAGES, MAX_BYTES);

    KeptPages(ResponseStore store, Statistics statistics) {
        this.store = store;
        this.statistics = statistics;
    }

    /**
     * The kept page under {@code page} (its key, stored version and origin), as it is at
     * {@code now}; or null when there is none, or it no longer holds.
     */
    EsiAssembler.Assembled reuse(String page, RequestFields request, long now) {
        Kept k = pages.get(page);
        if (k == null || !withoutDirectives(request)) {
            return null;
        }
        if (now >= k.freshUntil) {
            pages.remove(page, k);
            return null;
        }
        for (int i = 0; i < k.keys.length; i++) {
            if (store.stamp(k.keys[i]) != k.stamps[i]) {
                pages.remove(page, k);
                return null;
            }
        }
        statistics.esiFragmentsStored.add(k.includes);
        return new EsiAssembler.Assembled(k.body, k.merge.at(now));
    }

    /** Whether a page request's includes are looked up as any other's: no directive of its own. */
    static boolean withoutDirectives(RequestFields request) {
        return request.get("Cache-Control") == null && request.get("Pragma") == null;
    }

    /** Keeps a page just assembled, when all it was built from was read as {@code reads} says. */
    void keep(String page, Reads reads, ByteChunks body, EsiMerge.Anchored merge) {
        if (!reads.kept || body.length() > MAX_PAGE_BYTES) {
            return;
        }
        Kept k = new Kept(ByteChunks.of(body.toByteArray()), merge, reads.keys.toArray(String[]::new),
                reads.stamps.stream().mapToLong(Long::longValue).toArray(), reads.freshUntil, reads.includes);
        pages.put(page, k, body.length());
    }

    /**
     * What one page's assembly read, nested pages included: the store's keys, each with its stamp
     * read before it, and until when all of them are fresh; or that the page cannot be kept (an
     * include fetched, failed or varying on the request, a store that cannot stamp).
     */
    static final class Reads {
        private final List<String> keys = new ArrayList<>();
        private final List<Long> stamps = new ArrayList<>();
        private long freshUntil = Long.MAX_VALUE;
        private int includes;
        private boolean kept;

        /** @param keepable whether the page may be kept at all (a page a client asked for, without directives) */
        Reads(boolean keepable) {
            this.kept = keepable;
        }

        /** An include answered fresh from the store: its key, the stamp read before it, its lookup. */
        void fromStore(String key, long stamp, Lookup lookup, long now) {
            includes++;
            StoredResponse entry = lookup.entry();
            if (stamp == ResponseStore.NO_STAMP || !entry.vary().isEmpty()) {
                kept = false;
                return;
            }
            keys.add(key);
            stamps.add(stamp);
            freshUntil = Math.min(freshUntil, now + lookup.freshnessLifetime() - lookup.currentAge());
        }

        /** An include not answered fresh from the store (fetched, failed, refused): the page is not kept. */
        void notKept() {
            kept = false;
        }
    }
}
