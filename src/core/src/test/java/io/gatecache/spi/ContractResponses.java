package io.gatecache.spi;

import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The responses the store contract stores: a body that names each, requested and received at one
 * instant (the instant its request began, which the contract also passes to {@code put} as
 * {@code since}), from one origin unless told otherwise.
 */
final class ContractResponses {

    /** The origin of every response unless one is given. */
    static final String ORIGIN = "http://www.example.test";

    private ContractResponses() {
    }

    /** A response with tags (none: untagged). */
    static StoredResponse tagged(String body, long begun, String... tags) {
        return response(body, begun, headers().build(), variantKey(ORIGIN).build(), tags);
    }

    /** A response that varies on Accept-Language, for one language. */
    static StoredResponse inLanguage(String body, long begun, String language) {
        return response(body, begun, headers().add("Vary", "Accept-Language").build(),
                variantKey(ORIGIN).add("accept-language", language).build());
    }

    /** A response for a request to another origin (a variant of its own under the same key). */
    static StoredResponse fromOrigin(String body, long begun, String origin) {
        return response(body, begun, headers().build(), variantKey(origin).build());
    }

    /** A response with a Content-Type. */
    static StoredResponse typed(String body, long begun, String contentType) {
        return response(body, begun, headers().add("Content-Type", contentType).build(), variantKey(ORIGIN).build());
    }

    /** The bodies of what a read returned, in no order. */
    static Set<String> bodies(List<StoredResponse> read) {
        Set<String> out = new TreeSet<>();
        for (StoredResponse r : read) {
            out.add(body(r));
        }
        return out;
    }

    static String body(StoredResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static Headers.Builder headers() {
        return Headers.builder().add("Cache-Control", "max-age=3600");
    }

    private static Headers.Builder variantKey(String origin) {
        return Headers.builder().add(Variants.ORIGIN, origin);
    }

    private static StoredResponse response(String body, long begun, Headers headers, Headers variantKey,
            String... tags) {
        return new StoredResponse(200, headers, body.getBytes(StandardCharsets.UTF_8), begun, begun, variantKey, -1,
                null, List.of(tags));
    }
}
