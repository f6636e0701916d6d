package io.gatecache.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** gatecache.hosts entries are read in the spelling requests are compared in. */
class HostNamesTest {

    @Test
    void aConfiguredHostIsNormalisedAndLosesAPortGivenWithIt() {
        assertEquals("www.example.org", HostNames.configuredHost("WWW.Example.org"));
        assertEquals("www.example.org", HostNames.configuredHost("www.example.org:8080"));
        assertEquals("www.example.org", HostNames.configuredHost("www.example.org."));
        assertEquals("0:0:0:0:0:0:0:1", HostNames.configuredHost("[::1]:8080"));
        assertEquals("0:0:0:0:0:0:0:1", HostNames.configuredHost("::1"));
        assertEquals("2001:db8:0:0:0:0:0:1", HostNames.configuredHost("2001:db8::1"));
    }

    @Test
    void loopbackNamesAreAlwaysServed() {
        assertTrue(HostNames.configured("www.example.org").containsAll(
                java.util.Set.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1")));
    }
}
