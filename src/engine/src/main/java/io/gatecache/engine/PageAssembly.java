package io.gatecache.engine;

import io.gatecache.core.RequestFields;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One ESI page's assembly, as its includes see it: the request it was asked with, where
 * fragments are fetched from, its deadline, and what the request may still take (includes,
 * bytes, fetches at once), which pages nested in it from the store share.
 *
 * @param origin the page's origin ({@code scheme://host[:port]})
 * @param key the page's key (path and query)
 * @param depth how many pages include this one (0 for a page a client asked for)
 * @param chain the keys of the pages above, outermost first
 * @param request the page request's fields, as the lookups read them
 * @param fields the page request's fields in order, for fragment requests (asked for only when one is made)
 * @param loopback this server's own base URL for fragment requests, or null when there is none
 *        (asked for only when one is made)
 * @param budget the includes the request may still make
 * @param bytes the bytes the request's page holds, nested pages included
 * @param slots the request's fragment fetches
 * @param reads what the page's assembly read of the store, nested pages included ({@link KeptPages})
 */
record PageAssembly(String origin, String key, int depth, List<String> chain, RequestFields request,
        Supplier<List<Map.Entry<String, String>>> fields,
        Supplier<URI> loopback, long deadline, AtomicInteger budget,
        String contextPath, PageBytes bytes, IncludeSlots slots, KeptPages.Reads reads) {

    /**
     * A page a client asked for: the fields read once, when a fragment is first fetched. Its
     * {@link #end} must be called once it is assembled or failed.
     */
    static PageAssembly page(String origin, String key, int depth, List<String> chain,
            RequestFields request, Supplier<List<Map.Entry<String, String>>> fields,
            Supplier<URI> loopback, Settings.Esi limits, String contextPath) {
        IncludeSlots slots = new IncludeSlots(limits.maxConcurrentIncludes());
        PageBytes bytes = new PageBytes(limits.maxBytes(), slots::end); // a page over the bound fetches nothing more
        return new PageAssembly(origin, key, depth, chain, request, memo(fields), memo(loopback),
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.timeoutMillis()),
                new AtomicInteger(limits.maxIncludes()), contextPath, bytes, slots,
                new KeptPages.Reads(depth == 0 && KeptPages.withoutDirectives(request)));
    }

    /** A page included by this one, assembled in this thread: the same request, deadline, budgets and fetches. */
    PageAssembly nested(String nestedKey) {
        List<String> above = new ArrayList<>(chain);
        above.add(key);
        return new PageAssembly(origin, nestedKey, depth + 1, above, request, fields, loopback, deadline, budget,
                contextPath, bytes, slots, reads);
    }

    /** The page is assembled or failed: fetches still waiting are given up, those going closed. */
    void end() {
        slots.end();
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        Object[] held = new Object[1];
        boolean[] done = new boolean[1];
        return () -> {
            synchronized (held) {
                if (!done[0]) {
                    held[0] = s.get();
                    done[0] = true;
                }
                @SuppressWarnings("unchecked")
                T t = (T) held[0];
                return t;
            }
        };
    }
}
