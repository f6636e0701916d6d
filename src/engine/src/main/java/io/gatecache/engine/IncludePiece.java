package io.gatecache.engine;

import io.gatecache.core.StoredResponse;

/**
 * One include's outcome for an ESI page: its bytes and the response they came from (a part of the
 * merge of caching fields), or why nothing is included.
 */
record IncludePiece(ByteChunks body, StoredResponse part, String error) {

    static IncludePiece failed(String error) {
        return new IncludePiece(null, null, error);
    }
}
