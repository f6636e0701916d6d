package io.gatecache.jakarta;

import io.gatecache.core.Headers;

/**
 * A response the cache gives from its store: status, header section and body (null for a 304 or
 * a HEAD). Written by the servlet filter or turned into a JAX-RS response.
 *
 * @param contentLength the representation's length, sent as Content-Length (also for HEAD), or -1
 */
record Answer(int status, Headers headers, byte[] body, long contentLength) {
}
