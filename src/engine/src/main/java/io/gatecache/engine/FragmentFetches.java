package io.gatecache.engine;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The fragments ESI pages fetch over HTTP: each one through its page's {@link IncludeSlots} (so
 * that only so many are fetched at once), asked with the time left until the page's deadline,
 * read by {@link FragmentReader} against the page's {@link PageBytes} on a reader thread.
 */
final class FragmentFetches {

    private final FragmentSource source;
    private final Clock clock;

    /** @param source what sends the requests; null: nothing is fetched */
    FragmentFetches(FragmentSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** A fragment fetched for a page; completes, never exceptionally, once it is read or given up. */
    CompletableFuture<IncludePiece> fetch(URI url, List<Map.Entry<String, String>> fields, Set<String> notCopied,
            Map<String, String> extra, PageAssembly page) {
        if (source == null) {
            return CompletableFuture.completedFuture(IncludePiece.failed("no client to fetch " + url + " with"));
        }
        return page.slots().start(() -> open(url, fields, notCopied, extra, page), IncludePiece.failed(FragmentReader.ENDED));
    }

    private CompletableFuture<IncludePiece> open(URI url, List<Map.Entry<String, String>> fields, Set<String> notCopied,
            Map<String, String> extra, PageAssembly page) {
        long left = TimeUnit.NANOSECONDS.toMillis(page.deadline() - System.nanoTime());
        if (left <= 0) {
            return CompletableFuture.completedFuture(IncludePiece.failed(EsiAssembler.TIMED_OUT));
        }
        CompletableFuture<OriginClient.Streamed> opened = source.open(url, fields, notCopied, extra, left);
        AutoCloseable request = () -> opened.cancel(true);
        // the reader goes with the request before anything can end it: a response that comes, even
        // after the page's end, is read or closed by it
        CompletableFuture<IncludePiece> piece = opened.thenApplyAsync(r -> {
            page.slots().letGo(request);
            return FragmentReader.read(r, page.bytes(), page.slots(), clock);
        }, source.readers()).exceptionally(e -> IncludePiece.failed(page.slots().ended() ? FragmentReader.ENDED
                : String.valueOf(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)));
        if (!page.slots().hold(request)) {
            opened.cancel(true); // the page ended meanwhile
        }
        return piece;
    }
}
