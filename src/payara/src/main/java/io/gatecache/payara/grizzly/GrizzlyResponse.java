package io.gatecache.payara.grizzly;

import java.util.function.BiConsumer;
import org.glassfish.grizzly.http.HttpResponsePacket;

/**
 * Where the cache's plain door writes an answer's head: its status, then its fields, into the
 * Grizzly response the request came with. A {@code Server} field replaces the server's own.
 */
final class GrizzlyResponse implements BiConsumer<String, String> {

    private final HttpResponsePacket response;

    GrizzlyResponse(HttpResponsePacket response) {
        this.response = response;
    }

    @Override
    public void accept(String name, String value) {
        if (name.equals(":status")) {
            response.setStatus(Integer.parseInt(value));
        } else if (name.equalsIgnoreCase("Content-Length")) {
            response.setContentLengthLong(Long.parseLong(value));
        } else if (name.equalsIgnoreCase("Server")) {
            response.getHeaders().setValue(name).setString(value);
        } else {
            // into the header table as it is: the codec writes a Content-Type it finds there, adding none
            response.getHeaders().addValue(name).setString(value);
        }
    }
}
