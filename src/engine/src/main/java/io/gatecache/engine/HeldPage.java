package io.gatecache.engine;

import io.gatecache.core.Headers;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An ESI page the origin sends that this cache assembles for the client: held whole, stored or
 * not, then sent assembled with the status fields that say what happened to it.
 */
final class HeldPage {

    private final EsiPages pages;
    private final Exchange exchange;
    private Headers statusFields;

    private HeldPage(EsiPages pages, Exchange exchange, Headers statusFields) {
        this.pages = pages;
        this.exchange = exchange;
        this.statusFields = statusFields;
    }

    /**
     * The page to hold, when the response is one this cache assembles (it announces ESI, no cache
     * downstream assembles it, and it has a body); null otherwise.
     *
     * @param statusFields the status fields given when the response was decided
     */
    static HeldPage of(EsiPages pages, Exchange exchange, Headers responseFields, Headers statusFields) {
        if ("HEAD".equals(exchange.method()) || !pages.assembles(exchange, responseFields)) {
            return null;
        }
        return new HeldPage(pages, exchange, statusFields);
    }

    /** The status fields it is sent with, once they say more (stored, or given up). */
    void statusFields(Headers fields) {
        statusFields = fields;
    }

    /** The page assembled: its includes, its caching fields merged with theirs; its cookies left out. */
    Answer assemble(int status, Headers fields, byte[] markup, Collection<String> tags,
            Supplier<List<Map.Entry<String, String>>> requestFields, Supplier<URI> loopback) {
        return pages.assembleCaptured(exchange, status, fields.without("Set-Cookie"), statusFields, markup, tags,
                requestFields, loopback);
    }
}
