package io.gatecache.engine;

import io.gatecache.core.Headers;
import java.util.function.BiConsumer;

/**
 * A response the cache gives instead of the origin's: from its store (a hit, a 304, a range, a
 * stale answer), assembled (an ESI page), or of its own (a 504). Status, the stored header
 * section (written without its Age), the fields the cache adds (Age, status fields), and the body
 * (null for a 304 or a HEAD), held as the arrays it is made of.
 *
 * @param contentLength the representation's length, sent as Content-Length (also for HEAD), or -1
 */
public record Answer(int status, Headers stored, Headers added, ByteChunks content, long contentLength) {

    /** An answer whose body is one array (or null). */
    public Answer(int status, Headers stored, Headers added, byte[] body, long contentLength) {
        this(status, stored, added, body == null ? null : ByteChunks.of(body), contentLength);
    }

    /** The body as one array (a copy only when it is held in several), or null. */
    public byte[] body() {
        return content == null ? null : content.toByteArray();
    }

    /**
     * Calls {@code add} for every field to send, in order, and {@code replace} instead for the
     * stored origin's {@code Server}, which stands in for the one the server would add besides it.
     */
    public void forEachField(BiConsumer<String, String> add, BiConsumer<String, String> replace) {
        forEachField((name, value) -> (name.equalsIgnoreCase("Server") ? replace : add).accept(name, value));
    }

    /** Calls {@code sink} for every field to send, in order. */
    public void forEachField(BiConsumer<String, String> sink) {
        for (int i = 0; i < stored.size(); i++) {
            if (!stored.name(i).equalsIgnoreCase("Age")) {
                sink.accept(stored.name(i), stored.value(i));
            }
        }
        for (int i = 0; i < added.size(); i++) {
            sink.accept(added.name(i), added.value(i));
        }
    }
}
