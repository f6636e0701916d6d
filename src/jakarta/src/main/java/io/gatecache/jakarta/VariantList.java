package io.gatecache.jakarta;

import io.gatecache.core.StoredResponse;
import java.util.List;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

/** The value stored under a key: the variants of one URI. */
public final class VariantList {

    private final List<StoredResponse> variants;

    @ProtoFactory
    public VariantList(List<StoredResponse> variants) {
        this.variants = variants == null ? List.of() : List.copyOf(variants);
    }

    @ProtoField(number = 1)
    public List<StoredResponse> getVariants() {
        return variants;
    }
}
