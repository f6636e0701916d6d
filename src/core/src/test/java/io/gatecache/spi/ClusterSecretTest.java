package io.gatecache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster secret: long enough, and never shown. */
class ClusterSecretTest {

    @Test
    void aSecretOfSixteenCharactersOrMoreIsHeld() {
        assertEquals("0123456789abcdef", ClusterSecret.of("0123456789abcdef").text());
    }

    @Test
    void aShorterSecretIsRefusedWithoutBeingRepeated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterSecret.of("short-secret-15"));
        assertFalse(e.getMessage().contains("short-secret-15"), e.getMessage());
    }

    @Test
    void itIsNeverShown() {
        ClusterSecret secret = ClusterSecret.of("do-not-show-this-one");
        assertFalse(secret.toString().contains("do-not-show"), secret.toString());
        ResponseStoreProvider.Options options = new ResponseStoreProvider.Options(Clock.systemUTC(), 1, 1,
                key -> Optional.empty(), Optional.of(secret));
        assertFalse(options.toString().contains("do-not-show"), options.toString());
    }
}
