package io.gatecache.engine;

import io.gatecache.core.CacheKey;
import io.gatecache.core.CacheOptions;
import io.gatecache.core.CacheRequest;
import io.gatecache.core.Headers;
import io.gatecache.core.Lookup;
import io.gatecache.core.LookupPolicy;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import io.gatecache.core.esi.EsiDocument;
import io.gatecache.core.esi.EsiMerge;
import io.gatecache.core.esi.IncludePaths;
import io.gatecache.spi.ResponseStore;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Assembles a page's ESI includes (paths of this server, the page's own origin, the gateway's
 * origin, which are all fragments of this cache; hosts of {@code gatecache.esi.allowed-hosts},
 * fetched as they are). Each fragment of this cache is a request through it: a fresh stored
 * fragment is read from the store in this thread (no dispatch, no socket), and assembled in turn
 * when it holds includes itself; the others are fetched over the one pooled origin client
 * ({@link FragmentFetches}), from this server's own connector, so that the front door stores them
 * with their own TTL, tags, Vary and validators (and assembles theirs). Fragment requests carry
 * the page request's fields but its conditionals and ranges, and the fragment token that tells
 * the front door how deep and through which pages the include came.
 *
 * <p>What a page holds is bounded while it is assembled, not after: its text, its stored
 * fragments and its fetched fragments' bytes as they are read count against
 * {@code gatecache.esi.max-bytes} ({@link PageBytes}); only
 * {@code gatecache.esi.max-concurrent-includes} fragments are fetched at once ({@link IncludeSlots});
 * the first byte past the bound fails the page, and its end stops every fetch still going.
 */
final class EsiAssembler {

    /** The field that marks a fragment request: {@code <token> <depth> <page origin> <key of each page above>}. */
    static final String FRAGMENT_FIELD = "Gatecache-Fragment";
    /** The client's fields a fragment request does not carry. */
    static final Set<String> NOT_COPIED = Set.of("if-none-match", "if-modified-since", "if-match",
            "if-unmodified-since", "if-range", "range", "surrogate-capability", "content-length",
            "gatecache-fragment", "accept-encoding");
    /** The only fields of the page request sent to a host of {@code gatecache.esi.allowed-hosts}: no credentials. */
    static final Set<String> SENT_TO_OTHER_HOSTS = Set.of("accept", "accept-language", "user-agent");

    /** What an include is that did not come before the page's deadline. */
    static final String TIMED_OUT = "no answer within gatecache.esi.timeout-ms";

    /** A page could not be assembled: what the client gets instead. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** A page's parsed markup and its includes resolved, kept for the next deliveries of the same stored page. */
    private record Parsed(EsiDocument doc, Map<String, Object> targets) {
    }

    /** Parsed pages by key and stored version; bounded (cleared when full). */
    private static final int MAX_PARSED = 1024;
    private final io.gatecache.core.BoundedMemo<String, Parsed> parsed =
            new io.gatecache.core.BoundedMemo<>(MAX_PARSED, Long.MAX_VALUE);

    /** The assembled body (the arrays of its text and its parts, as they came), and the merged caching fields of it and its parts. */
    record Assembled(ByteChunks body, EsiMerge.Merged merged) {
    }

    /** Pages assembled from fresh stored parts only, kept whole for their next deliveries. */
    private final KeptPages kept;

    private final Settings.Esi limits;
    private final CacheOptions options;
    private final ResponseStore store;
    private final LookupPolicy lookupPolicy;
    private final FragmentFetches fetches;
    private final Clock clock;
    private final String token;
    private final java.util.function.Function<URI, String> upstream;
    /** Where fragments are counted: from the store, fetched, failed. */
    private final Statistics statistics;

    /**
     * @param upstream the path within this server (context path included) an absolute URL on the
     *        gateway's origin is served at, or null for none; null outside gateway mode
     */
    EsiAssembler(Settings.Esi limits, CacheOptions options, ResponseStore store, LookupPolicy lookupPolicy,
            FragmentSource source, Clock clock, String token, java.util.function.Function<URI, String> upstream,
            Statistics statistics) {
        this.statistics = statistics;
        this.upstream = upstream;
        this.limits = limits;
        this.options = options;
        this.store = store;
        this.lookupPolicy = lookupPolicy;
        this.fetches = new FragmentFetches(source, clock);
        this.kept = new KeptPages(store, statistics);
        this.clock = clock;
        this.token = token;
    }

    /**
     * Assembles a page from its markup; {@code page} is the page itself as a part of the merge.
     *
     * @param version what identifies this markup among the page's stored versions ({@link #version}),
     *        or null when it is not stored: the parse is kept for the next deliveries
     */
    Assembled assemble(PageAssembly ctx, byte[] markup, StoredResponse page, String version) throws Failure {
        String cacheKey = version == null ? null : ctx.key() + ' ' + version + ' ' + markup.length + ' ' + ctx.origin();
        boolean top = cacheKey != null && ctx.depth() == 0;
        if (top) {
            Assembled whole = kept.reuse(cacheKey, ctx.request(), clock.millis());
            if (whole != null) {
                return whole;
            }
        }
        Parsed p = cacheKey == null ? null : parsed.get(cacheKey);
        if (p == null) {
            p = new Parsed(EsiDocument.parse(markup), new java.util.concurrent.ConcurrentHashMap<>());
            if (version != null) {
                parsed.put(cacheKey, p, 0);
            }
        }
        EsiDocument doc = p.doc();
        Map<String, Object> targets = p.targets();
        List<EsiDocument.Include> includes = doc.includes();
        if (!includes.isEmpty() && ctx.depth() >= limits.maxDepth()) {
            throw new Failure("includes nested deeper than gatecache.esi.max-depth (" + limits.maxDepth() + ")");
        }
        if (includes.size() > limits.maxIncludes() || ctx.budget().addAndGet(-includes.size()) < 0) {
            throw new Failure("more includes than gatecache.esi.max-includes (" + limits.maxIncludes()
                    + ") for one request");
        }
        long text = 0;
        for (EsiDocument.Part part : doc.parts()) {
            if (part instanceof EsiDocument.Text t) {
                text += t.bytes().length;
            }
        }
        if (!ctx.bytes().take(text)) {
            throw tooLarge();
        }
        Map<EsiDocument.Include, CompletableFuture<IncludePiece>> pending = new LinkedHashMap<>();
        for (EsiDocument.Include inc : includes) {
            pending.put(inc, include(ctx, inc.src(), targets));
        }
        List<StoredResponse> parts = new ArrayList<>();
        parts.add(page);
        ByteChunks.Builder out = new ByteChunks.Builder();
        for (EsiDocument.Part part : doc.parts()) {
            if (part instanceof EsiDocument.Text t) {
                out.add(t.bytes());
                continue;
            }
            EsiDocument.Include inc = (EsiDocument.Include) part;
            IncludePiece piece = await(ctx, pending.get(inc));
            if (piece.error() != null && inc.alt() != null) {
                ctx.reads().notKept();
                piece = await(ctx, include(ctx, inc.alt(), targets)); // in this thread, the request still ours
            }
            if (piece.error() != null) {
                ctx.reads().notKept();
                if (!inc.continueOnError()) {
                    throw new Failure("the include of " + inc.src() + " failed: " + piece.error());
                }
                continue;
            }
            out.add(piece.body());
            parts.add(piece.part());
        }
        long now = clock.millis();
        EsiMerge.Anchored merge = EsiMerge.anchored(parts, options, now);
        ByteChunks body = out.build();
        if (top) {
            kept.keep(cacheKey, ctx.reads(), body, merge);
        }
        return new Assembled(body, merge.at(now));
    }

    private Failure tooLarge() {
        return new Failure("the assembled page is larger than gatecache.esi.max-bytes (" + limits.maxBytes() + ")");
    }

    /**
     * An include's outcome once it came, or the page's deadline passed; the page fails as too
     * large as soon as any of its parts took it past {@code gatecache.esi.max-bytes}, whichever
     * include it waits for.
     */
    private IncludePiece await(PageAssembly ctx, CompletableFuture<IncludePiece> f) throws Failure {
        CompletableFuture<IncludePiece> piece = f.exceptionally(e -> IncludePiece.failed(
                String.valueOf(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)));
        try {
            CompletableFuture.anyOf(piece, ctx.bytes().overrun())
                    .get(Math.max(0, ctx.deadline() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return IncludePiece.failed(TIMED_OUT);
        } catch (ExecutionException e) {
            return IncludePiece.failed(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return IncludePiece.failed("interrupted");
        }
        if (ctx.bytes().overrun().isDone()) {
            throw tooLarge();
        }
        return piece.join();
    }

    /** One include: from the store when a fresh fragment is there, else fetched. */
    private CompletableFuture<IncludePiece> include(PageAssembly ctx, String src, Map<String, Object> targets) {
        Object resolved = targets.computeIfAbsent(src, s -> {
            try {
                return resolve(ctx, s);
            } catch (Failure e) {
                return new Refused(e.getMessage());
            }
        });
        if (!(resolved instanceof String)) {
            ctx.reads().notKept();
        }
        if (resolved instanceof Refused refused) {
            return counted(CompletableFuture.completedFuture(IncludePiece.failed(refused.why())));
        }
        if (resolved instanceof URI other) {
            // a host of gatecache.esi.allowed-hosts: fetched as it is, not through this cache
            List<Map.Entry<String, String>> safe = ctx.fields().get().stream()
                    .filter(f -> SENT_TO_OTHER_HOSTS.contains(f.getKey().toLowerCase(Locale.ROOT))).toList();
            return fetched(() -> fetches.fetch(other, safe, Set.of(), Map.of(), ctx));
        }
        String key = (String) resolved;
        if (key.equals(ctx.key()) || ctx.chain().contains(key)) {
            ctx.reads().notKept();
            return counted(CompletableFuture.completedFuture(IncludePiece.failed("a cycle: " + key + " includes itself")));
        }
        IncludePiece stored = fromStore(ctx, key);
        if (stored != null) {
            statistics.esiFragmentsStored.increment();
            return CompletableFuture.completedFuture(stored);
        }
        ctx.reads().notKept(); // fetched (or failed): assembled again at each delivery
        URI loopback = ctx.loopback().get();
        if (loopback == null) {
            return counted(CompletableFuture.completedFuture(IncludePiece.failed("no connector to fetch " + key + " from")));
        }
        URI url;
        try {
            // appended, never resolved: the key is one path of this server (checked to start with one "/")
            url = URI.create(loopback.toString() + key);
        } catch (IllegalArgumentException e) {
            return counted(CompletableFuture.completedFuture(IncludePiece.failed("not a URL: " + key)));
        }
        List<String> chain = new ArrayList<>(ctx.chain());
        chain.add(ctx.key());
        // the page's origin goes with the request: the fragment is stored under the page's host,
        // where the next page delivery looks it up
        String marker = token + " " + (ctx.depth() + 1) + " " + ctx.origin() + " " + String.join(" ", chain);
        return fetched(() -> fetches.fetch(url, ctx.fields().get(), NOT_COPIED, Map.of(FRAGMENT_FIELD, marker.trim()),
                ctx));
    }

    /** An include fetched, its piece counted once it is there, and timed while the metrics are on. */
    private CompletableFuture<IncludePiece> fetched(Supplier<CompletableFuture<IncludePiece>> fetch) {
        Latencies latencies = statistics.latencies();
        if (latencies == Latencies.NONE) {
            return counted(fetch.get());
        }
        long started = System.nanoTime();
        return counted(fetch.get().whenComplete((p, e) -> latencies.esiFragment(System.nanoTime() - started)));
    }

    /** A fetched (or failed) include's piece, counted once it is there. */
    private CompletableFuture<IncludePiece> counted(CompletableFuture<IncludePiece> piece) {
        return piece.thenApply(p -> {
            (p.error() == null ? statistics.esiFragmentsFetched : statistics.esiFragmentsFailed).increment();
            return p;
        });
    }

    /**
     * A fresh stored fragment (assembled in turn when it includes more), or null to fetch it. Its
     * bytes count against the page's (a nested page's text and parts count as it is assembled).
     */
    private IncludePiece fromStore(PageAssembly ctx, String key) {
        io.gatecache.core.RequestFields withOrigin = name -> Variants.ORIGIN.equals(name) ? ctx.origin()
                : NOT_COPIED.contains(name.toLowerCase(Locale.ROOT)) ? null : ctx.request().get(name);
        long stamp = store.stamp(key); // before the read: a change after it moves the stamp
        List<StoredResponse> variants = store.get(key);
        if (variants.isEmpty()) {
            return null;
        }
        long now = clock.millis();
        Lookup lookup = lookupPolicy.lookup(new CacheRequest("GET", withOrigin), variants, now);
        if (lookup.outcome() != Lookup.Outcome.FRESH) {
            return null;
        }
        StoredResponse entry = lookup.entry();
        if (entry.status() < 200 || entry.status() > 299 || entry.headers().contains("Content-Encoding")) {
            return null;
        }
        ctx.reads().fromStore(key, stamp, lookup, now);
        if (!EsiAnnounce.announced(entry.headers())) {
            if (!ctx.bytes().take(entry.body().length)) {
                return IncludePiece.failed("larger than the room left in gatecache.esi.max-bytes");
            }
            return new IncludePiece(ByteChunks.of(entry.body()), entry, null);
        }
        try {
            Assembled nested = assemble(ctx.nested(key), entry.body(), entry, version(entry));
            // the nested page counts as its own parts' merge: the outer merge sees the tightest of them
            return new IncludePiece(nested.body(), withMerged(entry, nested.merged()), null);
        } catch (Failure e) {
            return IncludePiece.failed(e.getMessage());
        }
    }

    /**
     * What tells one stored version of a page from another: when it was received, and which
     * variant it is (two variants received in the same millisecond are two versions).
     */
    static String version(StoredResponse entry) {
        return entry.responseTime() + " " + entry.variantKey().hashCode();
    }

    /** A stored fragment as its assembled self: its fields replaced by the merge of its parts. */
    private StoredResponse withMerged(StoredResponse entry, EsiMerge.Merged merged) {
        long now = clock.millis();
        Headers.Builder h = Headers.builder().add("Cache-Control", merged.cacheControl());
        if (merged.lastModified() != null) {
            h.add("Last-Modified", merged.lastModified());
        }
        if (!merged.vary().isEmpty()) {
            h.add("Vary", String.join(", ", merged.vary()));
        }
        return new StoredResponse(entry.status(), h.build(), entry.body(), now, now, Headers.EMPTY, -1, null,
                merged.tags());
    }

    /** An include refused, and why. */
    private record Refused(String why) {
    }

    /**
     * What an include names: a key of this application (a path, relative ones resolved against
     * the page, or a URL of the page's own origin or of the gateway's), or the URI of a host of
     * {@code gatecache.esi.allowed-hosts}; anything else is refused here, before any connection.
     */
    private Object resolve(PageAssembly ctx, String src) throws Failure {
        URI ref;
        try {
            ref = URI.create(src.trim());
        } catch (IllegalArgumentException e) {
            throw new Failure("not a URL: " + src);
        }
        if (ref.getScheme() == null && ref.getRawAuthority() == null) {
            return own(ctx, src.trim(), src);
        }
        String scheme = ref.getScheme() == null ? "http" : ref.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Failure("an include of another scheme is refused: " + src);
        }
        String host = ref.getHost() == null ? null : CacheKey.normaliseHost(ref.getHost());
        int port = ref.getPort() == (scheme.equals("https") ? 443 : 80) ? -1 : ref.getPort();
        if (host != null && host.equals(CacheKey.host(ctx.origin()))
                && port == CacheKey.port(ctx.origin())) {
            return own(ctx, (ref.getRawPath() == null || ref.getRawPath().isEmpty() ? "/" : ref.getRawPath())
                    + (ref.getRawQuery() == null ? "" : "?" + ref.getRawQuery()), src);
        }
        if (upstream != null) {
            String local = upstream.apply(ref.getScheme() == null ? URI.create(scheme + ":" + src.trim()) : ref);
            if (local != null) {
                return own(ctx, local, src); // the gateway's origin: a fragment of this gateway
            }
        }
        if (host != null && limits.allowedHosts().contains(host)) {
            return ref.getScheme() == null ? URI.create(scheme + ":" + src.trim()) : ref;
        }
        throw new Failure("an include of a host not in gatecache.esi.allowed-hosts is refused: " + src);
    }

    /** The key of this application a path names (see {@link IncludePaths}). */
    private static String own(PageAssembly ctx, String path, String src) throws Failure {
        String key = IncludePaths.key(ctx.key(), path, ctx.contextPath());
        if (key == null) {
            throw new Failure("an include outside this application is refused: " + src);
        }
        return key;
    }
}
