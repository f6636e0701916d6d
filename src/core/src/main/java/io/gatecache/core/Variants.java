package io.gatecache.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Selection of a stored variant by the request fields its Vary names (RFC 9111 §4.1), and by the
 * request's origin, which every variant's key holds under the name {@link #ORIGIN}.
 */
public final class Variants {

    /**
     * The pseudo-field that carries the request's origin ({@code scheme://host[:port]}, see
     * {@link CacheKey#origin}); mechanisms answer it from their {@link RequestFields}.
     */
    public static final String ORIGIN = ":origin";

    private Variants() {
    }

    /** The variant key of a request for a Vary: the normalised values of the fields it names. */
    public static Headers variantKey(Vary vary, RequestFields request) {
        String origin = request.get(ORIGIN);
        if ((vary.isEmpty() || vary.any()) && origin == null) {
            return Headers.EMPTY;
        }
        Headers.Builder b = Headers.builder().add(ORIGIN, origin);
        for (String field : vary.fields()) {
            b.add(field, Vary.normalise(field, request.get(field)));
        }
        return b.build();
    }

    /** Whether a stored variant matches the request; {@code Vary: *} never matches. */
    public static boolean matches(StoredResponse stored, RequestFields request) {
        Vary vary = stored.vary();
        if (vary.any() || !same(stored.variantKey().first(ORIGIN), request.get(ORIGIN))) {
            return false;
        }
        for (String field : vary.fields()) {
            String want = stored.variantKey().first(field);
            String have = Vary.normalise(field, request.get(field));
            if (!same(want, have)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** The most recent matching variant (by Date, then response time), or null. */
    public static StoredResponse select(List<StoredResponse> variants, RequestFields request) {
        StoredResponse best = null;
        for (StoredResponse v : variants) {
            if (matches(v, request) && (best == null || newer(v, best))) {
                best = v;
            }
        }
        return best;
    }

    private static boolean newer(StoredResponse a, StoredResponse b) {
        return a.dateValue() != b.dateValue() ? a.dateValue() > b.dateValue() : a.responseTime() > b.responseTime();
    }

    /**
     * The variant list after storing {@code added}: it replaces the variant with the same Vary and
     * variant key, and variants whose Vary differs from the new response's are dropped (the
     * resource changed what it varies on).
     */
    public static List<StoredResponse> withVariant(List<StoredResponse> existing, StoredResponse added, int maxVariants) {
        List<StoredResponse> out = new ArrayList<>();
        out.add(added);
        if (existing != null) {
            for (StoredResponse v : existing) {
                if (out.size() >= maxVariants) {
                    break;
                }
                if (v.vary().equals(added.vary()) && !v.variantKey().equals(added.variantKey())) {
                    out.add(v);
                }
            }
        }
        return List.copyOf(out);
    }
}
