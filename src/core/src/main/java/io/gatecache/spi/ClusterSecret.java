package io.gatecache.spi;

import java.util.Objects;

/**
 * The secret the members of a clustered store share ({@code gatecache.cluster.secret}): a member
 * proves it to the others with every message it sends, and a process that cannot is not let in.
 * What it holds is never shown: {@link #toString()} says only that it is set, so it can be passed
 * about, and logged by mistake, without leaking.
 */
public final class ClusterSecret {

    /** The fewest characters a secret may have. */
    public static final int MIN_LENGTH = 16;

    private final String text;

    private ClusterSecret(String text) {
        this.text = text;
    }

    /**
     * A secret of {@value #MIN_LENGTH} characters or more.
     *
     * @throws IllegalArgumentException when it is shorter (the message does not repeat it)
     */
    public static ClusterSecret of(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("shorter than " + MIN_LENGTH + " characters");
        }
        return new ClusterSecret(text);
    }

    /** The secret itself, for the store that proves it; never to be shown. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "ClusterSecret[(set)]";
    }
}
