package io.gatecache.infinispan;

import io.gatecache.spi.ClusterSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a cluster's members derive from their shared secret ({@code gatecache.cluster.secret}),
 * and what seals and opens their messages with it: AES-256-GCM, so a sealed message is both
 * encrypted and authenticated, and only a holder of the secret can make one that opens.
 * <p>
 * The secret is stretched once, with PBKDF2-HMAC-SHA256, into the cluster key, which never
 * travels. Each member, each time it starts, draws a random session of its own and seals under
 * the session's key (HMAC-SHA256 of the session by the cluster key), numbering its messages: no
 * two messages share a key and nonce, however long the cluster runs. A sealed message is
 * <pre>format (1) | session (16) | number (8) | ciphertext and tag (length + 16)</pre>
 * with the format and session authenticated alongside the ciphertext. A receiver derives a
 * session's key the first time one of its messages opens, and keeps it.
 */
final class ClusterKey {

    /** PBKDF2 rounds: a guess at a short secret costs an attacker this many HMACs. */
    static final int ITERATIONS = 210_000;
    private static final byte[] SALT = "io.gatecache.cluster-secret/1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SESSION_LABEL = "session".getBytes(StandardCharsets.US_ASCII);
    private static final byte FORMAT = 1;
    private static final int SESSION_BYTES = 16;
    private static final int NUMBER_BYTES = 8;
    private static final int HEAD_BYTES = 1 + SESSION_BYTES + NUMBER_BYTES;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** The sessions of senders kept, at most; past it they are forgotten and derived again. */
    private static final int MAX_SESSIONS = 64;
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Gatecache: this JVM has no AES/GCM", e);
        }
    });

    private final SecretKey clusterKey;
    private final byte[] session = new byte[SESSION_BYTES];
    private final SecretKey sessionKey;
    private final AtomicLong numbers = new AtomicLong();
    /** The keys of the sessions whose messages opened, by session. */
    private final Map<ByteBuffer, SecretKey> opened = new ConcurrentHashMap<>();

    private ClusterKey(SecretKey clusterKey) {
        this.clusterKey = clusterKey;
        new SecureRandom().nextBytes(session);
        this.sessionKey = sessionKey(session);
        opened.put(ByteBuffer.wrap(session.clone()), sessionKey);
    }

    /**
     * The cluster keys stretched in this JVM, by the SHA-256 of their secret: stretching is slow on
     * purpose, and each store of the JVM that shares a secret (an application's caches, a
     * redeployment) needs it only once. A few secrets at most.
     */
    private static final Map<ByteBuffer, SecretKey> STRETCHED = new ConcurrentHashMap<>();
    private static final int MAX_STRETCHED = 8;

    /** The cluster key of a secret, with a new session of this member's own. */
    static ClusterKey derive(ClusterSecret secret) {
        ByteBuffer digest;
        try {
            digest = ByteBuffer.wrap(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(secret.text().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Gatecache: this JVM has no SHA-256", e);
        }
        SecretKey key = STRETCHED.get(digest);
        if (key == null) {
            key = stretch(secret);
            if (STRETCHED.size() >= MAX_STRETCHED) {
                STRETCHED.clear();
            }
            STRETCHED.put(digest, key);
        }
        return new ClusterKey(key);
    }

    /** The secret stretched into the cluster key, with PBKDF2-HMAC-SHA256. */
    private static SecretKey stretch(ClusterSecret secret) {
        char[] text = secret.text().toCharArray();
        PBEKeySpec spec = new PBEKeySpec(text, SALT, ITERATIONS, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            try {
                return new SecretKeySpec(key, "HmacSHA256");
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Gatecache: cannot derive the cluster key", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(text, '\0');
        }
    }

    /** A message sealed: encrypted and authenticated under this member's session. */
    byte[] seal(byte[] plain, int offset, int length) {
        long number = numbers.getAndIncrement();
        byte[] sealed = new byte[HEAD_BYTES + length + TAG_BITS / 8];
        sealed[0] = FORMAT;
        System.arraycopy(session, 0, sealed, 1, SESSION_BYTES);
        ByteBuffer.wrap(sealed, 1 + SESSION_BYTES, NUMBER_BYTES).putLong(number);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, sessionKey, nonce(sealed, 0));
            cipher.updateAAD(sealed, 0, 1 + SESSION_BYTES);
            cipher.doFinal(plain, offset, length, sealed, HEAD_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Gatecache: cannot seal a cluster message", e);
        }
    }

    /**
     * What a sealed message holds, or null when it was not sealed with this cluster's key
     * (another secret, none, or altered on the way).
     */
    byte[] open(byte[] sealed, int offset, int length) {
        if (length < HEAD_BYTES + TAG_BITS / 8 || sealed[offset] != FORMAT) {
            return null;
        }
        ByteBuffer sender = ByteBuffer.wrap(Arrays.copyOfRange(sealed, offset + 1, offset + 1 + SESSION_BYTES));
        SecretKey known = opened.get(sender);
        SecretKey key = known != null ? known : sessionKey(sender.array());
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key, nonce(sealed, offset));
            cipher.updateAAD(sealed, offset, 1 + SESSION_BYTES);
            byte[] plain = cipher.doFinal(sealed, offset + HEAD_BYTES, length - HEAD_BYTES);
            if (known == null) {
                if (opened.size() >= MAX_SESSIONS) {
                    opened.clear();
                }
                opened.put(sender, key);
            }
            return plain;
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Gatecache: cannot open a cluster message", e);
        }
    }

    /** The nonce of the sealed message at {@code offset}: its number, in the last eight of twelve bytes. */
    private static GCMParameterSpec nonce(byte[] sealed, int offset) {
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(sealed, offset + 1 + SESSION_BYTES, nonce, NONCE_BYTES - NUMBER_BYTES, NUMBER_BYTES);
        return new GCMParameterSpec(TAG_BITS, nonce);
    }

    /** A session's key: HMAC-SHA256 of its label and the session, by the cluster key. */
    private SecretKey sessionKey(byte[] session) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(clusterKey);
            mac.update(SESSION_LABEL);
            byte[] key = mac.doFinal(session);
            try {
                return new SecretKeySpec(key, "AES");
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Gatecache: cannot derive a session key", e);
        }
    }
}
