package io.gatecache.core.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The shared max-age downstream of a response whose tag field was cut. */
class SharedLifetimeTest {

    @Test
    void aSharedLifetimeAboveTheReducedTtlBecomesIt() {
        assertEquals("public, max-age=60, s-maxage=300", SharedLifetime.lowered("public, s-maxage=3600, max-age=60", 300));
        assertEquals("max-age=3600, s-maxage=300", SharedLifetime.lowered("max-age=3600", 300), "max-age, as a shared cache reads it");
        assertEquals("public, s-maxage=300", SharedLifetime.lowered("public, S-MaxAge=\"7200\"", 300));
    }

    @Test
    void itIsNeverRaised() {
        assertEquals(null, SharedLifetime.lowered(null, 300), "no explicit lifetime: left alone");
        assertEquals("max-age=60", SharedLifetime.lowered("max-age=60", 300));
        assertEquals("max-age=0, must-revalidate", SharedLifetime.lowered("max-age=0, must-revalidate", 300));
        assertEquals("public", SharedLifetime.lowered("public", 300));
    }

    @Test
    void aLowerSMaxageAndResponsesNoSharedCacheStoresStayAsTheyAre() {
        assertEquals("s-maxage=60", SharedLifetime.lowered("s-maxage=60", 300));
        assertEquals("private, max-age=600", SharedLifetime.lowered("private, max-age=600", 300));
        assertEquals("no-store", SharedLifetime.lowered("no-store", 300));
    }

    @Test
    void theMaxAgeOfTheFieldsACdnReadsFirstIsLoweredToo() {
        assertEquals("max-age=300, content=\"ESI/1.0\"", SharedLifetime.loweredMaxAge("max-age=86400, content=\"ESI/1.0\"", 300));
        assertEquals("max-age=60", SharedLifetime.loweredMaxAge("max-age=60", 300));
        assertNull(SharedLifetime.loweredMaxAge(null, 300));
    }
}
