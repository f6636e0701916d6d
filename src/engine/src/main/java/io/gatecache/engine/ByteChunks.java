package io.gatecache.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes held as the arrays they came in, in order, never copied into one: an assembled ESI page
 * is its markup's text and its fragments' bytes side by side, and is written out array by array,
 * so that it is held once, not once in pieces and again whole.
 */
public final class ByteChunks {

    /** No bytes. */
    public static final ByteChunks EMPTY = new ByteChunks(List.of(), 0);

    /** Where the arrays are written to, in order. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes) throws IOException;
    }

    private final List<byte[]> arrays;
    private final long length;

    private ByteChunks(List<byte[]> arrays, long length) {
        this.arrays = arrays;
        this.length = length;
    }

    /** One array, held as it is (not copied). */
    public static ByteChunks of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ByteChunks(List.of(bytes), bytes.length);
    }

    /** How many bytes in all. */
    public long length() {
        return length;
    }

    /** Writes the arrays to {@code sink}, in order. */
    public void writeTo(Sink sink) throws IOException {
        for (byte[] a : arrays) {
            sink.write(a);
        }
    }

    /** The bytes as one array: the array itself when there is one, else a copy of them all. */
    public byte[] toByteArray() {
        if (arrays.size() == 1) {
            return arrays.get(0);
        }
        byte[] all = new byte[Math.toIntExact(length)];
        int at = 0;
        for (byte[] a : arrays) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }

    /** Collects arrays in order; not thread-safe. */
    static final class Builder {
        private final List<byte[]> arrays = new ArrayList<>();
        private long length;

        /** Adds an array as it is (it must not change afterwards). */
        Builder add(byte[] bytes) {
            if (bytes.length > 0) {
                arrays.add(bytes);
                length += bytes.length;
            }
            return this;
        }

        Builder add(ByteChunks chunks) {
            arrays.addAll(chunks.arrays);
            length += chunks.length;
            return this;
        }

        long length() {
            return length;
        }

        ByteChunks build() {
            return length == 0 ? EMPTY : new ByteChunks(List.copyOf(arrays), length);
        }
    }
}
