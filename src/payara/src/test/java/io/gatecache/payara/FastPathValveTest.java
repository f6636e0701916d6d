package io.gatecache.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatecache.jakarta.servlet.FastPath;
import org.junit.jupiter.api.Test;

/**
 * The valve, loaded by the server, and the cache, in each application, share no class: they meet
 * on attribute names, written on each side.
 */
class FastPathValveTest {

    @Test
    void theValveReadsTheAttributeTheCachePublishes() {
        assertEquals(FastPath.ATTRIBUTE, FastPathValve.ATTRIBUTE);
    }

    @Test
    void theValveSaysSecurityConstraintsWithTheAttributeTheCacheReads() {
        assertEquals(FastPath.CONSTRAINED, FastPathValve.CONSTRAINED);
    }
}
