package io.gatecache.infinispan;

import io.gatecache.core.StoredResponse;
import java.util.List;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

/**
 * The value stored under a key: the variants of one URI, and when the key was last invalidated
 * (so that a response begun before then is refused atomically, in the same entry).
 */
public final class VariantList {

    /** No invalidation remembered. */
    static final long NEVER = Long.MIN_VALUE;

    private final List<StoredResponse> variants;
    private final long invalidatedAt;

    @ProtoFactory
    public VariantList(List<StoredResponse> variants, long invalidatedAt) {
        this.variants = variants == null ? List.of() : List.copyOf(variants);
        this.invalidatedAt = invalidatedAt;
    }

    @ProtoField(number = 1)
    public List<StoredResponse> getVariants() {
        return variants;
    }

    @ProtoField(number = 2, defaultValue = "-9223372036854775808")
    public long getInvalidatedAt() {
        return invalidatedAt;
    }
}
