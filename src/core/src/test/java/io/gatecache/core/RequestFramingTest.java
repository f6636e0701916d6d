package io.gatecache.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9112 §6: a request whose framing is ambiguous is refused before anything else. */
class RequestFramingTest {

    private static String refusal(List<String> te, List<String> cl, List<String> host) {
        return RequestFraming.refusal(te, cl, host);
    }

    @Test
    void ordinaryRequestsPass() {
        assertNull(refusal(List.of(), List.of(), List.of("example.org")));
        assertNull(refusal(List.of(), List.of("12"), List.of("example.org")));
        assertNull(refusal(List.of("chunked"), List.of(), List.of("example.org")));
        assertNull(refusal(List.of(" Chunked "), List.of(), List.of()));
        assertNull(refusal(List.of(), List.of("5", "5"), List.of()), "repeated identical lengths are one length");
    }

    @Test
    @Tag("MUST")
    void transferEncodingWithContentLengthIsRefused() {
        // RFC 9112 §6.1: the smuggling shape; rejected here rather than read one way or the other
        assertEquals("both Transfer-Encoding and Content-Length",
                refusal(List.of("chunked"), List.of("4"), List.of("h")));
    }

    @Test
    @Tag("MUST")
    void aTransferEncodingOtherThanALoneChunkedIsRefused() {
        // chunked must be final (RFC 9112 §6.1); identity is no longer a coding; two lines are a list
        assertEquals("a Transfer-Encoding other than chunked", refusal(List.of("identity, chunked"), List.of(), List.of()));
        assertEquals("a Transfer-Encoding other than chunked", refusal(List.of("chunked, gzip"), List.of(), List.of()));
        assertEquals("a Transfer-Encoding other than chunked", refusal(List.of("gzip", "chunked"), List.of(), List.of()));
        assertEquals("a Transfer-Encoding other than chunked", refusal(List.of("xchunked"), List.of(), List.of()));
    }

    @Test
    @Tag("MUST")
    void contentLengthsThatDisagreeOrAreNotNumbersAreRefused() {
        // RFC 9112 §6.3
        assertEquals("Content-Length fields that disagree", refusal(List.of(), List.of("5", "6"), List.of()));
        assertEquals("Content-Length fields that disagree", refusal(List.of(), List.of("5, 6"), List.of()));
        assertEquals("a Content-Length that is not a number", refusal(List.of(), List.of("-1"), List.of()));
        assertEquals("a Content-Length that is not a number", refusal(List.of(), List.of("0x10"), List.of()));
    }

    @Test
    @Tag("MUST")
    void aSecondHostFieldIsRefused() {
        // RFC 9112 §3.2: a server MUST respond 400 to a request with more than one Host field line
        assertEquals("more than one Host field", refusal(List.of(), List.of(), List.of("a.example", "b.example")));
    }

    @Test
    @Tag("MUST")
    void theConnectionClosesAfterAChunkedRequestOrWhenTheClientSaysSo() {
        // RFC 9112 §9.6: no further request is processed after one that says close; a chunked one
        // may have lost a Content-Length in the container, so what follows it is not trusted either
        assertTrue(RequestFraming.closesConnection("HTTP/1.1", List.of("chunked"), List.of()));
        assertTrue(RequestFraming.closesConnection("HTTP/1.1", List.of(), List.of("close")));
        assertTrue(RequestFraming.closesConnection("HTTP/1.1", List.of(), List.of("Upgrade, Close")));
        assertTrue(RequestFraming.closesConnection("HTTP/1.1", List.of(), List.of("x-a", "close")));
        // RFC 9112 §9.3: HTTP/1.0 is not persistent unless it asks to be
        assertTrue(RequestFraming.closesConnection("HTTP/1.0", List.of(), List.of()));
        assertFalse(RequestFraming.closesConnection("HTTP/1.0", List.of(), List.of("keep-alive")));
        assertFalse(RequestFraming.closesConnection("HTTP/1.1", List.of(), List.of()));
        assertFalse(RequestFraming.closesConnection("HTTP/1.1", List.of(), List.of("keep-alive, closed")));
    }
}
