package io.gatecache.infinispan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatecache.spi.ClusterSecret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The cluster key: what one member seals, another with the same secret opens, and nothing else
 * does; the sealed form shows nothing of what it holds.
 */
class ClusterKeyTest {

    private static final ClusterSecret SECRET = ClusterSecret.of("the-secret-of-one-cluster");
    /** Two members of one cluster, and a process with another secret. */
    private static final ClusterKey ONE = ClusterKey.derive(SECRET);
    private static final ClusterKey OTHER_MEMBER = ClusterKey.derive(SECRET);
    private static final ClusterKey STRANGER = ClusterKey.derive(ClusterSecret.of("the-secret-of-another-one"));
    private static final byte[] MESSAGE = "JOIN gatecache: let me in, I hold the cluster's purge records"
            .getBytes(StandardCharsets.UTF_8);

    private static byte[] seal(ClusterKey key) {
        return key.seal(MESSAGE, 0, MESSAGE.length);
    }

    @Test
    void whatOneMemberSealsAnotherWithTheSameSecretOpens() {
        byte[] sealed = seal(ONE);
        assertArrayEquals(MESSAGE, OTHER_MEMBER.open(sealed, 0, sealed.length));
        assertArrayEquals(MESSAGE, ONE.open(sealed, 0, sealed.length), "and so does the member itself");
        byte[] framed = new byte[sealed.length + 7];
        System.arraycopy(sealed, 0, framed, 3, sealed.length);
        assertArrayEquals(MESSAGE, OTHER_MEMBER.open(framed, 3, sealed.length), "read where it lies in a buffer");
        byte[] part = "let me in".getBytes(StandardCharsets.UTF_8);
        int at = new String(MESSAGE, StandardCharsets.UTF_8).indexOf("let me in");
        byte[] partSealed = ONE.seal(MESSAGE, at, part.length);
        assertArrayEquals(part, OTHER_MEMBER.open(partSealed, 0, partSealed.length), "a part of a buffer sealed");
    }

    @Test
    void aProcessWithAnotherSecretCanNeitherOpenNorForge() {
        byte[] sealed = seal(ONE);
        assertNull(STRANGER.open(sealed, 0, sealed.length));
        byte[] forged = seal(STRANGER);
        assertNull(ONE.open(forged, 0, forged.length));
    }

    @Test
    void aMessageAlteredAnywhereDoesNotOpen() {
        byte[] sealed = seal(ONE);
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            assertNull(OTHER_MEMBER.open(altered, 0, altered.length), "byte " + i + " altered");
        }
        assertNull(OTHER_MEMBER.open(sealed, 0, sealed.length - 1), "cut short");
        assertNull(OTHER_MEMBER.open(MESSAGE, 0, MESSAGE.length), "never sealed");
        assertNull(OTHER_MEMBER.open(new byte[3], 0, 3), "too short to be sealed");
    }

    @Test
    void theSealedFormShowsNothingOfWhatItHoldsAndNeverRepeats() {
        byte[] first = seal(ONE);
        byte[] second = seal(ONE);
        assertFalse(Arrays.equals(first, second), "each message sealed under its own nonce");
        byte[] word = "purge".getBytes(StandardCharsets.UTF_8);
        for (byte[] sealed : new byte[][] {first, second}) {
            for (int i = 0; i + word.length <= sealed.length; i++) {
                assertFalse(Arrays.equals(word, Arrays.copyOfRange(sealed, i, i + word.length)), "in clear at " + i);
            }
        }
        assertEquals(first.length, second.length);
    }
}
