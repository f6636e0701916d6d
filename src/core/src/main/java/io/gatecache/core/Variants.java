package io.gatecache.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Selection of a stored variant by the request fields its Vary names (RFC 9111 §4.1).
 */
public final class Variants {

    private Variants() {
    }

    /** The variant key of a request for a Vary: the normalised values of the fields it names. */
    public static Headers variantKey(Vary vary, RequestFields request) {
        if (vary.isEmpty() || vary.any()) {
            return Headers.EMPTY;
        }
        Headers.Builder b = Headers.builder();
        for (String field : vary.fields()) {
            b.add(field, Vary.normalise(request.get(field)));
        }
        return b.build();
    }

    /** Whether a stored variant matches the request; {@code Vary: *} never matches. */
    public static boolean matches(StoredResponse stored, RequestFields request) {
        Vary vary = stored.vary();
        if (vary.any()) {
            return false;
        }
        for (String field : vary.fields()) {
            String want = stored.variantKey().first(field);
            String have = Vary.normalise(request.get(field));
            if (want == null ? have != null : !want.equals(have)) {
                return false;
            }
        }
        return true;
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
