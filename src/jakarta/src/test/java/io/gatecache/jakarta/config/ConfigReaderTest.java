package io.gatecache.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** gatecache.hosts entries are read in the spelling requests are compared in. */
class ConfigReaderTest {

    @Test
    void aConfiguredHostIsNormalisedAndLosesAPortGivenWithIt() {
        assertEquals("www.example.org", ConfigReader.configuredHost("WWW.Example.org"));
        assertEquals("www.example.org", ConfigReader.configuredHost("www.example.org:8080"));
        assertEquals("www.example.org", ConfigReader.configuredHost("www.example.org."));
        assertEquals("0:0:0:0:0:0:0:1", ConfigReader.configuredHost("[::1]:8080"));
        assertEquals("0:0:0:0:0:0:0:1", ConfigReader.configuredHost("::1"));
        assertEquals("2001:db8:0:0:0:0:0:1", ConfigReader.configuredHost("2001:db8::1"));
    }
}
