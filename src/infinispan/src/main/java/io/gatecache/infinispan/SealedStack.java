package io.gatecache.infinispan;

import io.gatecache.spi.ClusterSecret;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.infinispan.configuration.global.GlobalConfiguration;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.global.TransportConfiguration;
import org.infinispan.remoting.transport.jgroups.JGroupsChannelConfigurator;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.conf.ProtocolConfiguration;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.util.SocketFactory;

/**
 * The JGroups stack a clustered store's XML names, with the {@link SealingProtocol} of the
 * cluster's secret ({@code gatecache.cluster.secret}) directly above its transport, whatever the
 * stack is (the shipped {@code gatecache/jgroups-tcp.xml} or a copy of it). The secret reaches it
 * from the store's settings, never through a system property or a file.
 * <p>
 * {@link #install} decides, for a store about to start: a local store has nothing to seal; a
 * clustered one with a secret gets this stack, or does not start when its transport names no
 * stack that can carry it; one without a secret starts, with a warning, unless its stack
 * protects its membership itself (JGroups' {@code SYM_ENCRYPT}, {@code ASYM_ENCRYPT} with
 * {@code AUTH}, or TLS with client certificates).
 */
final class SealedStack implements JGroupsChannelConfigurator {

    private static final Logger LOG = Logger.getLogger(SealedStack.class.getName());
    /** The transport properties by which an Infinispan XML brings a channel of its own, which this stack would replace. */
    private static final List<String> OWN_CHANNEL = List.of(JGroupsTransport.CHANNEL_LOOKUP,
            JGroupsTransport.CHANNEL_CONFIGURATOR, JGroupsTransport.CONFIGURATION_FILE,
            JGroupsTransport.CONFIGURATION_XML, JGroupsTransport.CONFIGURATION_STRING);

    private final JGroupsChannelConfigurator stack;
    private final ClusterKey key;

    SealedStack(JGroupsChannelConfigurator stack, ClusterKey key) {
        this.stack = stack;
        this.key = key;
    }

    /**
     * Seals a clustered store's stack with its secret, or warns that it has none.
     *
     * @param config the store's XML, as named in messages
     * @throws IllegalStateException when a secret is set and the transport names no stack to seal
     */
    static void install(GlobalConfigurationBuilder global, Optional<ClusterSecret> secret, String config) {
        GlobalConfiguration built = global.build();
        if (!built.isClustered()) {
            return;
        }
        TransportConfiguration transport = built.transport();
        boolean ownChannel = OWN_CHANNEL.stream().anyMatch(transport.properties()::containsKey);
        JGroupsChannelConfigurator stack = ownChannel ? null : transport.jgroups().configurator(transport.stack());
        if (secret.isPresent()) {
            if (stack == null) {
                throw new IllegalStateException("Gatecache: gatecache.cluster.secret is set, but the store configuration "
                        + config + " names no JGroups stack to seal with it (<transport stack=\"...\">)");
            }
            global.transport().addProperty(JGroupsTransport.CHANNEL_CONFIGURATOR,
                    new SealedStack(stack, ClusterKey.derive(secret.get())));
        } else if (stack == null || !protectsItself(stack.getProtocolStack())) {
            LOG.warning(() -> "Gatecache: the store " + config + " is clustered without gatecache.cluster.secret:"
                    + " its members neither authenticate nor encrypt what they send each other, and any process"
                    + " that reaches this node's JGroups port and names the cluster can join it, then read, write"
                    + " and purge the store. Set gatecache.cluster.secret, the same on every node");
        }
    }

    /**
     * Whether a stack keeps out those without its keys by itself: {@code SYM_ENCRYPT} (a shared
     * key from a keystore), {@code ASYM_ENCRYPT} with {@code AUTH}, or TLS that asks for the
     * peer's certificate.
     */
    static boolean protectsItself(List<ProtocolConfiguration> protocols) {
        boolean asym = false;
        boolean auth = false;
        for (ProtocolConfiguration p : protocols) {
            String name = p.getProtocolName().substring(p.getProtocolName().lastIndexOf('.') + 1);
            if (name.equals("SYM_ENCRYPT")) {
                return true;
            }
            asym |= name.equals("ASYM_ENCRYPT");
            auth |= name.equals("AUTH");
            if (Boolean.parseBoolean(p.getProperties().get("tls.enabled"))
                    && "NEED".equalsIgnoreCase(p.getProperties().get("tls.client_auth"))) {
                return true;
            }
        }
        return asym && auth;
    }

    @Override
    public JChannel createChannel(String name) throws Exception {
        JChannel channel = stack.createChannel(name);
        try {
            channel.getProtocolStack().insertProtocol(new SealingProtocol(key), ProtocolStack.Position.ABOVE, TP.class);
        } catch (Exception | Error e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    @Override
    public String getName() {
        return stack.getName();
    }

    @Override
    public void setSocketFactory(SocketFactory socketFactory) {
        stack.setSocketFactory(socketFactory);
    }

    @Override
    public void setDataSource(DataSource dataSource) {
        stack.setDataSource(dataSource);
    }

    @Override
    public String getProtocolStackString() {
        return stack.getProtocolStackString();
    }

    @Override
    public List<ProtocolConfiguration> getProtocolStack() {
        return stack.getProtocolStack();
    }
}
