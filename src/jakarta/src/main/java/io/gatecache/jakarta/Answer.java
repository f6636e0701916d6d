package io.gatecache.jakarta;

import io.gatecache.core.Headers;

/**
 * A response the cache gives from its store: status, the stored header section (written without
 * its Age), the fields the cache adds (Age, status fields), and the body (null for a 304 or a
 * HEAD). Written by the servlet filter or turned into a JAX-RS response.
 *
 * @param contentLength the representation's length, sent as Content-Length (also for HEAD), or -1
 */
record Answer(int status, Headers stored, Headers added, byte[] body, long contentLength) {

    /** Calls {@code sink} for every field to send, in order. */
    void forEachField(java.util.function.BiConsumer<String, String> sink) {
        for (int i = 0; i < stored.size(); i++) {
            if (!stored.name(i).equalsIgnoreCase("Age")) {
                sink.accept(stored.name(i), stored.value(i));
            }
        }
        for (int i = 0; i < added.size(); i++) {
            sink.accept(added.name(i), added.value(i));
        }
    }

    String contentType() {
        return stored.first("Content-Type");
    }
}
