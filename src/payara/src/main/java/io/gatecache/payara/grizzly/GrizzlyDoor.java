package io.gatecache.payara.grizzly;

import java.util.logging.Logger;
import org.glassfish.grizzly.config.ConfigAwareElement;
import org.glassfish.grizzly.config.dom.NetworkListener;
import org.glassfish.grizzly.config.dom.PortUnification;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.portunif.PUFilter;
import org.glassfish.grizzly.portunif.PUProtocol;
import org.glassfish.grizzly.portunif.ProtocolFinder;
import org.glassfish.hk2.api.ServiceLocator;

/**
 * Gatecache's door on Payara's Grizzly, opt-in: the port unification filter of a network
 * listener's protocol, named by its {@code <port-unification classname=...>}, whose one protocol
 * finder hands HTTP to the listener's usual protocol. In that protocol's filter chain it puts a
 * {@link HitFilter} right before Grizzly's HTTP server filter, where the server's own file cache
 * answers: a request the application's cache answers fresh is answered there, before the web
 * container parses it, maps it or runs anything of the application. Everything else goes on,
 * untouched.
 *
 * <p>A protocol over TLS is not given the filter (its HTTP chain is below a TLS filter of its
 * own); the valve or the servlet filter answers there. Port unification turns HTTP/2 off on the
 * listener, as Payara logs.
 */
public class GrizzlyDoor extends PUFilter implements ConfigAwareElement<PortUnification> {

    private static final Logger LOG = Logger.getLogger(GrizzlyDoor.class.getName());

    private volatile Applications applications;
    private volatile String listener = "(unknown)";

    /** Made by Payara as it builds the listener's filter chain, then configured. */
    public GrizzlyDoor() {
        super();
    }

    @Override
    public void configure(ServiceLocator locator, NetworkListener networkListener, PortUnification configuration) {
        this.listener = networkListener.getName();
        this.applications = new Applications(locator, listener);
    }

    /** Puts the hit filter before the HTTP server filter of each protocol registered here. */
    @Override
    public PUProtocol register(ProtocolFinder finder, FilterChain chain) {
        Applications apps = applications;
        int at = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i) instanceof HttpServerFilter) {
                at = i;
                break;
            }
        }
        if (apps == null || at < 0) {
            LOG.info(() -> "Gatecache: no Grizzly door on listener " + listener
                    + (apps == null ? " (not configured by Payara)" : " (no HTTP server filter in its chain: TLS?)"));
        } else {
            chain.add(at, new HitFilter(apps));
            LOG.info(() -> "Gatecache: the Grizzly door is on, on listener " + listener);
        }
        return super.register(finder, chain);
    }
}
