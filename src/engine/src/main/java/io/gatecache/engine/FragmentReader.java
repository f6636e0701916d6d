package io.gatecache.engine;

import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a fetched fragment for an ESI page: a 2xx response with no {@code Content-Encoding},
 * its body array by array as it arrives (up to 64 KiB each), each array taken from the page's
 * {@link PageBytes} before it is kept. A fragment that would take the page past
 * {@code gatecache.esi.max-bytes} stops being read there (a declared {@code Content-Length}
 * that does not fit stops it before any byte), and the page is over; one whose page has ended
 * stops at its next array. Besides what the page holds, a fragment being read holds one array.
 * The body is closed whatever happens, and stays in the page's {@link IncludeSlots} while it is
 * read, so that the page's end closes it too.
 */
final class FragmentReader {

    /** The largest array read at once. */
    static final int ARRAY = 64 * 1024;
    /** What a fragment is when its page ended before it was read. */
    static final String ENDED = "the page was answered before this fragment was read";

    private FragmentReader() {
    }

    static IncludePiece read(OriginClient.Streamed r, PageBytes bytes, IncludeSlots slots, Clock clock) {
        InputStream in = r.body();
        if (!slots.hold(in)) {
            OriginClient.close(in);
            return IncludePiece.failed(ENDED);
        }
        try {
            if (r.failure() != null) {
                return IncludePiece.failed(r.failure());
            }
            if (r.status() < 200 || r.status() > 299) {
                return IncludePiece.failed("status " + r.status());
            }
            long declared = -1;
            for (Map.Entry<String, String> h : r.headers()) {
                if (h.getKey().equalsIgnoreCase("Content-Encoding") && !h.getValue().trim().equalsIgnoreCase("identity")) {
                    return IncludePiece.failed("an encoded fragment (" + h.getValue() + ")");
                }
                if (h.getKey().equalsIgnoreCase("Content-Length")) {
                    declared = OriginClient.parseCount(h.getValue());
                }
            }
            if (declared > bytes.room()) {
                bytes.refuse();
                return IncludePiece.failed("larger than the room left in gatecache.esi.max-bytes");
            }
            ByteChunks body = body(in, declared, bytes, slots);
            if (body == null) {
                return IncludePiece.failed(slots.ended() ? ENDED : "larger than the room left in gatecache.esi.max-bytes");
            }
            Headers.Builder h = Headers.builder();
            r.headers().forEach(e -> h.add(e.getKey(), e.getValue()));
            long now = clock.millis();
            // the part is for the merge of caching fields, which reads no body
            return new IncludePiece(body, new StoredResponse(r.status(), h.build(), new byte[0], now, now, Headers.EMPTY),
                    null);
        } catch (IOException e) {
            return IncludePiece.failed(slots.ended() ? ENDED : "the fragment could not be read: " + e.getMessage());
        } finally {
            slots.letGo(in);
            OriginClient.close(in);
        }
    }

    /**
     * The body, each array taken from the page before it is kept; null when the page refused one
     * or ended. What was taken is given back when the body is not kept.
     */
    private static ByteChunks body(InputStream in, long declared, PageBytes bytes, IncludeSlots slots)
            throws IOException {
        ByteChunks.Builder got = new ByteChunks.Builder();
        // a declared length sizes the array (one more byte, to see the end): no 64 KiB for a small fragment
        int size = declared >= 0 ? (int) Math.min(ARRAY, declared + 1) : ARRAY;
        byte[] array = new byte[size];
        boolean kept = false;
        try {
            while (true) {
                if (slots.ended()) {
                    return null;
                }
                int n = in.readNBytes(array, 0, array.length);
                if (n == 0) {
                    break;
                }
                if (!bytes.take(n)) {
                    return null;
                }
                if (n == array.length) {
                    got.add(array);
                    array = new byte[size];
                } else {
                    got.add(Arrays.copyOf(array, n));
                    break; // readNBytes reads less only at the end
                }
            }
            kept = true;
            return got.build();
        } finally {
            if (!kept) {
                bytes.give(got.length());
            }
        }
    }
}
