package io.gatecache.infinispan;

import io.gatecache.core.StoredResponse;
import io.gatecache.core.Variants;
import java.util.function.BiFunction;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

/**
 * The functions the store hands to Infinispan's {@code compute}: plain marshallable values (no
 * capturing lambdas), so that on a clustered cache they run where the key lives.
 */
final class StoreFunctions {

    private StoreFunctions() {
    }

    /**
     * Adds a variant to a key's list, replacing the one with the same variant key, unless the key
     * was invalidated at or after {@code since}: then the list stays as it is.
     */
    public static final class PutVariant implements BiFunction<String, VariantList, VariantList> {
        private final StoredResponse variant;
        private final long since;
        private final int maxVariants;

        @ProtoFactory
        public PutVariant(StoredResponse variant, long since, int maxVariants) {
            this.variant = variant;
            this.since = since;
            this.maxVariants = maxVariants;
        }

        @ProtoField(number = 1)
        public StoredResponse getVariant() {
            return variant;
        }

        @ProtoField(number = 2, defaultValue = "0")
        public long getSince() {
            return since;
        }

        @ProtoField(number = 3, defaultValue = "16")
        public int getMaxVariants() {
            return maxVariants;
        }

        /** Whether the list as it now stands refuses the variant. */
        boolean refusedBy(VariantList current) {
            return current != null && current.getInvalidatedAt() >= since;
        }

        @Override
        public VariantList apply(String key, VariantList old) {
            if (refusedBy(old)) {
                return old;
            }
            return new VariantList(Variants.withVariant(old == null ? null : old.getVariants(), variant, maxVariants),
                    old == null ? VariantList.NEVER : old.getInvalidatedAt());
        }
    }

    /** Empties a key's list and remembers the invalidation instant (the later one wins). */
    public static final class Tombstone implements BiFunction<String, VariantList, VariantList> {
        private final long at;

        @ProtoFactory
        public Tombstone(long at) {
            this.at = at;
        }

        @ProtoField(number = 1, defaultValue = "0")
        public long getAt() {
            return at;
        }

        @Override
        public VariantList apply(String key, VariantList old) {
            return new VariantList(java.util.List.of(), old == null ? at : Math.max(at, old.getInvalidatedAt()));
        }
    }

    /** Takes one variant back out of a key's list (an invalidation that landed while it was written wins). */
    public static final class RemoveVariant implements BiFunction<String, VariantList, VariantList> {
        private final long requestTime;
        private final long responseTime;

        @ProtoFactory
        public RemoveVariant(long requestTime, long responseTime) {
            this.requestTime = requestTime;
            this.responseTime = responseTime;
        }

        @ProtoField(number = 1, defaultValue = "0")
        public long getRequestTime() {
            return requestTime;
        }

        @ProtoField(number = 2, defaultValue = "0")
        public long getResponseTime() {
            return responseTime;
        }

        @Override
        public VariantList apply(String key, VariantList old) {
            return new VariantList(old.getVariants().stream()
                    .filter(v -> v.requestTime() != requestTime || v.responseTime() != responseTime).toList(),
                    old.getInvalidatedAt());
        }
    }

    /** Records an invalidation instant, keeping the later of it and the one recorded. */
    public static final class Latest implements BiFunction<String, Long, Long> {
        private final long at;

        @ProtoFactory
        public Latest(long at) {
            this.at = at;
        }

        @ProtoField(number = 1, defaultValue = "0")
        public long getAt() {
            return at;
        }

        @Override
        public Long apply(String key, Long old) {
            return old == null ? at : Math.max(at, old);
        }
    }

    /** Leaves a key's list as it is (to give it another lifespan). */
    public static final class Keep implements BiFunction<String, VariantList, VariantList> {
        @ProtoFactory
        public Keep() {
        }

        @Override
        public VariantList apply(String key, VariantList old) {
            return old;
        }
    }
}
