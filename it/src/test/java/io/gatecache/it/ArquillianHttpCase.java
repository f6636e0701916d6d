package io.gatecache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A black-box test class against one Arquillian deployment: its base URL and an HTTP client for it. */
@ExtendWith(ArquillianExtension.class)
abstract class ArquillianHttpCase {

    @ArquillianResource
    protected URL base;

    protected Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    /** Stores a page: a first request is a MISS, the next a HIT. */
    protected void stored(String path) {
        assertEquals("MISS", Http.xCache(http.get(path)), path);
        assertEquals("HIT", Http.xCache(http.get(path)), path);
    }

    /** How often the test application's probe counted a call (see ProbeResource). */
    protected int calls(String counter) {
        return Integer.parseInt(http.get("api/probe/calls/" + counter).body());
    }
}
