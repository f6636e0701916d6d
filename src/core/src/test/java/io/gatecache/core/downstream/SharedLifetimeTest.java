package io.gatecache.core.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The shared max-age downstream of a response whose tag field was cut. */
class SharedLifetimeTest {

    @Test
    void aHigherOrMissingSMaxageBecomesTheReducedTtl() {
        assertEquals("public, max-age=60, s-maxage=300", SharedLifetime.lowered("public, s-maxage=3600, max-age=60", 300));
        assertEquals("max-age=3600, s-maxage=300", SharedLifetime.lowered("max-age=3600", 300));
        assertEquals("s-maxage=300", SharedLifetime.lowered(null, 300));
        assertEquals("public, s-maxage=300", SharedLifetime.lowered("public, S-MaxAge=\"7200\"", 300));
    }

    @Test
    void aLowerSMaxageAndResponsesNoSharedCacheStoresStayAsTheyAre() {
        assertEquals("s-maxage=60", SharedLifetime.lowered("s-maxage=60", 300));
        assertEquals("private, max-age=600", SharedLifetime.lowered("private, max-age=600", 300));
        assertEquals("no-store", SharedLifetime.lowered("no-store", 300));
    }

    @Test
    void surrogateControlsMaxAgeIsLoweredToo() {
        assertEquals("max-age=300, content=\"ESI/1.0\"", SharedLifetime.loweredSurrogate("max-age=86400, content=\"ESI/1.0\"", 300));
        assertEquals("max-age=60", SharedLifetime.loweredSurrogate("max-age=60", 300));
        assertNull(SharedLifetime.loweredSurrogate(null, 300));
    }
}
