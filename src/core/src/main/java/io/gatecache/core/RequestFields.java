package io.gatecache.core;

/**
 * Read access to a request's header fields, whatever carries them (a servlet request, a JAX-RS
 * context, a test map). Names compare case-insensitively.
 */
@FunctionalInterface
public interface RequestFields {

    /** The combined field value (RFC 9110 §5.3), or null when the request has no such field. */
    String get(String name);

    static RequestFields of(Headers headers) {
        return headers::get;
    }
}
