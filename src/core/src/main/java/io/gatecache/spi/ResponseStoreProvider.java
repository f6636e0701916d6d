package io.gatecache.spi;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Starts a kind of {@link ResponseStore}, chosen by name with {@code gatecache.store}. Found with
 * {@link java.util.ServiceLoader} in the application's class path: a store of another kind is a
 * jar with an implementation of this interface, named in
 * {@code META-INF/services/io.gatecache.spi.ResponseStoreProvider}, and a store that passes the
 * store contract.
 */
public interface ResponseStoreProvider {

    /** The name {@code gatecache.store} selects it by. */
    String name();

    /**
     * Starts a store.
     *
     * @throws IllegalArgumentException when a setting of the store is not valid, naming it
     * @throws IllegalStateException when the store cannot start
     */
    ResponseStore start(Options options);

    /**
     * What every store is started with.
     *
     * @param clock what the store keeps time with
     * @param maxVariants the most variants the store keeps under one key
     * @param retentionMillis the longest an entry is kept, from its request's start
     * @param setting the store's own settings: a key below {@code gatecache.store.} (for
     *        {@code gatecache.store.config}, {@code "config"}) to its value, when set
     * @param clusterSecret the secret the members of a clustered store share
     *        ({@code gatecache.cluster.secret}), when set: a store that clusters proves it to its
     *        peers and lets in no process that cannot; a store that does not cluster ignores it
     */
    record Options(Clock clock, int maxVariants, long retentionMillis, Function<String, Optional<String>> setting,
            Optional<ClusterSecret> clusterSecret) {

        public Options {
            Objects.requireNonNull(clusterSecret, "clusterSecret");
        }

        /** The options of a store started without a cluster secret. */
        public Options(Clock clock, int maxVariants, long retentionMillis, Function<String, Optional<String>> setting) {
            this(clock, maxVariants, retentionMillis, setting, Optional.empty());
        }
    }
}
