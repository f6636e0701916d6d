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
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Assembles a page's ESI includes (paths of this server, the page's own origin, the gateway's
 * origin, which are all fragments of this cache; hosts of {@code gatecache.esi.allowed-hosts},
 * fetched as they are). Each fragment of this cache is a request through it: a fresh stored
 * fragment is read from the store in this thread (no dispatch, no socket), and assembled in turn
 * when it holds includes itself; the others are fetched all at once over the one pooled origin
 * client, from this server's own connector, so that the front door stores them with their own
 * TTL, tags, Vary and validators (and assembles theirs). Fragment requests carry the page
 * request's fields but its conditionals and ranges, and the fragment token that tells the front
 * door how deep and through which pages the include came.
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

    /** A page could not be assembled: what the client gets instead. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Where a page is assembled.
     *
     * @param origin the page's origin ({@code scheme://host[:port]})
     * @param key the page's key (path and query)
     * @param depth how many pages include this one (0 for a page a client asked for)
     * @param chain the keys of the pages above, outermost first
     * @param request the page request's fields, as the lookups read them
     * @param fields the page request's fields in order, for fragment requests (asked for only when one is made)
     * @param loopback this server's own base URL for fragment requests, or null when there is none
     *        (asked for only when one is made)
     */
    record Context(String origin, String key, int depth, List<String> chain, io.gatecache.core.RequestFields request,
            java.util.function.Supplier<List<Map.Entry<String, String>>> fields,
            java.util.function.Supplier<URI> loopback, long deadline, java.util.concurrent.atomic.AtomicInteger budget,
            String contextPath) {

        /** A page a client asked for: the fields read once, when a fragment is first fetched. */
        static Context page(String origin, String key, int depth, List<String> chain,
                io.gatecache.core.RequestFields request, java.util.function.Supplier<List<Map.Entry<String, String>>> fields,
                java.util.function.Supplier<URI> loopback, Settings.Esi limits, String contextPath) {
            return new Context(origin, key, depth, chain, request, memo(fields), memo(loopback),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.timeoutMillis()),
                    new java.util.concurrent.atomic.AtomicInteger(limits.maxIncludes()), contextPath);
        }

        /** A page included by this one, assembled in this thread: the same request, deadline and budget. */
        Context nested(String nestedKey) {
            List<String> above = new ArrayList<>(chain);
            above.add(key);
            return new Context(origin, nestedKey, depth + 1, above, request, fields, loopback, deadline, budget,
                    contextPath);
        }

        private static <T> java.util.function.Supplier<T> memo(java.util.function.Supplier<T> s) {
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

    /** A page's parsed markup and its includes resolved, kept for the next deliveries of the same stored page. */
    private record Parsed(EsiDocument doc, Map<String, Object> targets) {
    }

    /** Parsed pages by key and stored version; bounded (cleared when full). */
    private final java.util.concurrent.ConcurrentHashMap<String, Parsed> parsed = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_PARSED = 1024;

    /** The assembled body, and the merged caching fields of it and its parts. */
    record Assembled(byte[] body, EsiMerge.Merged merged) {
    }

    /** One include's outcome: its bytes and the response it came from (null when nothing is included). */
    private record Piece(byte[] body, StoredResponse part, String error) {
        static Piece failed(String error) {
            return new Piece(null, null, error);
        }
    }

    private final Settings.Esi limits;
    private final CacheOptions options;
    private final ResponseStore store;
    private final LookupPolicy lookupPolicy;
    private final OriginClient client;
    private final Clock clock;
    private final String token;
    private final java.util.function.Function<URI, String> upstream;

    /**
     * @param upstream the path within this server (context path included) an absolute URL on the
     *        gateway's origin is served at, or null for none; null outside gateway mode
     */
    EsiAssembler(Settings.Esi limits, CacheOptions options, ResponseStore store, LookupPolicy lookupPolicy,
            OriginClient client, Clock clock, String token, java.util.function.Function<URI, String> upstream) {
        this.upstream = upstream;
        this.limits = limits;
        this.options = options;
        this.store = store;
        this.lookupPolicy = lookupPolicy;
        this.client = client;
        this.clock = clock;
        this.token = token;
    }

    /**
     * Assembles a page from its markup; {@code page} is the page itself as a part of the merge.
     *
     * @param version what identifies this markup among the page's stored versions ({@link #version}),
     *        or null when it is not stored: the parse is kept for the next deliveries
     */
    Assembled assemble(Context ctx, byte[] markup, StoredResponse page, String version) throws Failure {
        String cacheKey = version == null ? null : ctx.key() + ' ' + version + ' ' + markup.length + ' ' + ctx.origin();
        Parsed p = cacheKey == null ? null : parsed.get(cacheKey);
        if (p == null) {
            p = new Parsed(EsiDocument.parse(markup), new java.util.concurrent.ConcurrentHashMap<>());
            if (version != null) {
                if (parsed.size() >= MAX_PARSED) {
                    parsed.clear();
                }
                parsed.put(cacheKey, p);
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
        long deadline = ctx.deadline();
        Map<EsiDocument.Include, CompletableFuture<Piece>> pending = new LinkedHashMap<>();
        for (EsiDocument.Include inc : includes) {
            pending.put(inc, include(ctx, inc.src(), targets));
        }
        List<StoredResponse> parts = new ArrayList<>();
        parts.add(page);
        ByteArrayOutputStream out = new ByteArrayOutputStream(markup.length + 1024);
        for (EsiDocument.Part part : doc.parts()) {
            byte[] bytes;
            if (part instanceof EsiDocument.Text t) {
                bytes = t.bytes();
            } else {
                EsiDocument.Include inc = (EsiDocument.Include) part;
                Piece piece = await(pending.get(inc), deadline);
                if (piece.error != null && inc.alt() != null) {
                    piece = await(include(ctx, inc.alt(), targets), deadline); // in this thread, the request still ours
                }
                if (piece.error != null) {
                    if (!inc.continueOnError()) {
                        throw new Failure("the include of " + inc.src() + " failed: " + piece.error);
                    }
                    continue;
                }
                bytes = piece.body;
                parts.add(piece.part);
            }
            if (out.size() + (long) bytes.length > limits.maxBytes()) {
                throw new Failure("the assembled page is larger than gatecache.esi.max-bytes (" + limits.maxBytes()
                        + ")");
            }
            out.writeBytes(bytes);
        }
        return new Assembled(out.toByteArray(), EsiMerge.merge(parts, options, clock.millis()));
    }

    private static Piece await(CompletableFuture<Piece> f, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Piece.failed("no answer within gatecache.esi.timeout-ms");
        } catch (ExecutionException e) {
            return Piece.failed(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Piece.failed("interrupted");
        }
    }

    /** One include: from the store when a fresh fragment is there, else fetched. */
    private CompletableFuture<Piece> include(Context ctx, String src, Map<String, Object> targets) {
        Object resolved = targets.computeIfAbsent(src, s -> {
            try {
                return resolve(ctx, s);
            } catch (Failure e) {
                return new Refused(e.getMessage());
            }
        });
        if (resolved instanceof Refused refused) {
            return CompletableFuture.completedFuture(Piece.failed(refused.why()));
        }
        if (resolved instanceof URI other) {
            // a host of gatecache.esi.allowed-hosts: fetched as it is, not through this cache
            List<Map.Entry<String, String>> safe = ctx.fields().get().stream()
                    .filter(f -> SENT_TO_OTHER_HOSTS.contains(f.getKey().toLowerCase(Locale.ROOT))).toList();
            return client.fetch(other, safe, Set.of(), Map.of(), limits.timeoutMillis()).thenApply(this::piece);
        }
        String key = (String) resolved;
        if (key.equals(ctx.key()) || ctx.chain().contains(key)) {
            return CompletableFuture.completedFuture(Piece.failed("a cycle: " + key + " includes itself"));
        }
        Piece stored = fromStore(ctx, key);
        if (stored != null) {
            return CompletableFuture.completedFuture(stored);
        }
        URI loopback = ctx.loopback().get();
        if (loopback == null) {
            return CompletableFuture.completedFuture(Piece.failed("no connector to fetch " + key + " from"));
        }
        URI url;
        try {
            // appended, never resolved: the key is one path of this server (checked to start with one "/")
            url = URI.create(loopback.toString() + key);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Piece.failed("not a URL: " + key));
        }
        List<String> chain = new ArrayList<>(ctx.chain());
        chain.add(ctx.key());
        // the page's origin goes with the request: the fragment is stored under the page's host,
        // where the next page delivery looks it up
        String marker = token + " " + (ctx.depth() + 1) + " " + ctx.origin() + " " + String.join(" ", chain);
        return client.fetch(url, ctx.fields().get(), NOT_COPIED, Map.of(FRAGMENT_FIELD, marker.trim()),
                limits.timeoutMillis()).thenApply(this::piece);
    }

    private Piece piece(OriginClient.Reply r) {
        if (r.status() < 200 || r.status() > 299 || r.unreachable()) {
            return Piece.failed("status " + r.status());
        }
        for (Map.Entry<String, String> h : r.headers()) {
            if (h.getKey().equalsIgnoreCase("Content-Encoding") && !h.getValue().trim().equalsIgnoreCase("identity")) {
                return Piece.failed("an encoded fragment (" + h.getValue() + ")");
            }
        }
        Headers.Builder h = Headers.builder();
        r.headers().forEach(e -> h.add(e.getKey(), e.getValue()));
        long now = clock.millis();
        return new Piece(r.body(), new StoredResponse(r.status(), h.build(), r.body(), now, now, Headers.EMPTY), null);
    }

    /** A fresh stored fragment (assembled in turn when it includes more), or null to fetch it. */
    private Piece fromStore(Context ctx, String key) {
        io.gatecache.core.RequestFields withOrigin = name -> Variants.ORIGIN.equals(name) ? ctx.origin()
                : NOT_COPIED.contains(name.toLowerCase(Locale.ROOT)) ? null : ctx.request().get(name);
        List<StoredResponse> variants = store.get(key);
        if (variants.isEmpty()) {
            return null;
        }
        Lookup lookup = lookupPolicy.lookup(new CacheRequest("GET", withOrigin), variants, clock.millis());
        if (lookup.outcome() != Lookup.Outcome.FRESH) {
            return null;
        }
        StoredResponse entry = lookup.entry();
        if (entry.status() < 200 || entry.status() > 299 || entry.headers().contains("Content-Encoding")) {
            return null;
        }
        if (!EsiAnnounce.announced(entry.headers())) {
            return new Piece(entry.body(), entry, null);
        }
        try {
            Assembled nested = assemble(ctx.nested(key), entry.body(), entry, version(entry));
            // the nested page counts as its own parts' merge: the outer merge sees the tightest of them
            return new Piece(nested.body(), withMerged(entry, nested.merged()), null);
        } catch (Failure e) {
            return Piece.failed(e.getMessage());
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
    private Object resolve(Context ctx, String src) throws Failure {
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
    private static String own(Context ctx, String path, String src) throws Failure {
        String key = IncludePaths.key(ctx.key(), path, ctx.contextPath());
        if (key == null) {
            throw new Failure("an include outside this application is refused: " + src);
        }
        return key;
    }
}
