package io.gatecache.core.context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's context hash: the SHA-256 digest, in hex, of the context's key/value pairs sorted by
 * key, each written with its length so that no two contexts write the same bytes. The empty
 * context is the anonymous one.
 */
public final class ContextHash {

    /** The hash of the empty context: every anonymous visitor's. */
    public static final String ANONYMOUS = of(Map.of());

    private ContextHash() {
    }

    public static String of(Map<String, String> pairs) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, String> pair : new TreeMap<>(pairs).entrySet()) {
            update(digest, pair.getKey());
            update(digest, pair.getValue());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of credentials, for a key that does not hold them. */
    public static String ofCredentials(String credentials) {
        MessageDigest digest = sha256();
        update(digest, credentials);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
