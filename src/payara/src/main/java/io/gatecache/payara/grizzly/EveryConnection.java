package io.gatecache.payara.grizzly;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.portunif.PUContext;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The protocol finder of the Grizzly door's port unification: every connection is the listener's
 * HTTP, from its first byte, as it is without the door. (Payara's own {@code HttpProtocolFinder}
 * would close a connection whose method begins with a letter it does not know, as {@code BAN}
 * does, or whose request line passes 2,048 bytes.)
 */
public class EveryConnection implements ProtocolFinder {

    /** Made by Payara as it builds the listener's filter chain. */
    public EveryConnection() {
    }

    @Override
    public Result find(PUContext puContext, FilterChainContext ctx) {
        return Result.FOUND;
    }
}
