package io.gatecache.engine.downstream;

import io.gatecache.core.downstream.OutboundRequest;
import java.io.IOException;
import java.net.URI;

/** Sends one purge request to a server, and gives its status. */
public interface PurgeSender {

    /**
     * @param server the server's URL ({@code gatecache.purge.servers})
     * @return the response's status
     * @throws IOException when no response came (refused, timed out, cut)
     */
    int send(URI server, OutboundRequest request) throws IOException, InterruptedException;
}
