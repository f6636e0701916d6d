package io.gatecache.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import io.gatecache.spi.ClusterSecret;
import io.gatecache.spi.ResponseStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.util.MessageBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A cluster sealed by its secret ({@code gatecache.cluster.secret}): two nodes that share it, over
 * real JGroups TCP on loopback, and a third JVM's worth of node (its own cache manager and
 * channel, the same configuration and cluster name, both nodes in its member list) that does not
 * have it. The third node is refused, and the refusal logged; a clustered store without a secret
 * says so at start.
 */
class SealedClusterTest {

    private static final String CONFIG = "gatecache/infinispan-replicated.xml";
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String KEY = "http://example.org/sealed";
    private static final long LIFESPAN = 60_000;
    /** Strong references: a logger only referred to by name may be collected, with its handler. */
    private static final List<Logger> LOGGERS = List.of(Logger.getLogger(SealingProtocol.class.getName()),
            Logger.getLogger(SealedStack.class.getName()));

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private TwoNodes nodes;
    private InfinispanResponseStore third;

    @BeforeEach
    void listen() {
        LOGGERS.forEach(l -> l.addHandler(handler));
    }

    @AfterEach
    void stop() {
        LOGGERS.forEach(l -> l.removeHandler(handler));
        if (third != null) {
            third.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    private static StoredResponse response(String body) {
        long now = CLOCK.millis();
        return new StoredResponse(200, Headers.builder().add("Cache-Control", "max-age=60").build(),
                body.getBytes(StandardCharsets.UTF_8), now, now, Headers.EMPTY, -1, null, List.of());
    }

    private static String body(List<StoredResponse> got) {
        return got.isEmpty() ? null : new String(got.get(0).body(), StandardCharsets.UTF_8);
    }

    private static SealingProtocol seal(InfinispanResponseStore node) {
        SealingProtocol seal = TwoNodes.channel(node).getProtocolStack().findProtocol(SealingProtocol.class);
        assertTrue(seal != null, "the node's stack is sealed");
        return seal;
    }

    /** The warnings logged so far whose message holds {@code text}. */
    private List<String> warnings(String text) {
        return logged.stream().filter(r -> r.getLevel() == Level.WARNING).map(r -> r.getMessage())
                .filter(m -> m.contains(text)).toList();
    }

    static Stream<Arguments> intruders() {
        return Stream.of(Arguments.of("no secret", Optional.empty()),
                Arguments.of("another secret", Optional.of(ClusterSecret.of("not-the-two-nodes-secret-at-all"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intruders")
    void aNodeWithoutTheSecretDoesNotJoinAndIsLogged(String who, Optional<ClusterSecret> secret) {
        nodes = new TwoNodes(CONFIG, CLOCK);
        assertEquals(List.of(), warnings("without gatecache.cluster.secret"), "the two nodes have the secret");
        assertEquals(ResponseStore.PutOutcome.STORED, nodes.a.put(KEY, response("real"), CLOCK.millis(), LIFESPAN));
        SealingProtocol sealA = seal(nodes.a);
        SealingProtocol sealB = seal(nodes.b);
        assertEquals(0, sealA.refused() + sealB.refused(), "nothing refused between the two");
        Witness aSaw = Witness.above(nodes.a);
        Witness bSaw = Witness.above(nodes.b);

        third = nodes.third(CONFIG, CLOCK, secret);
        String intruder = third.membership().node();
        Address intruderAddress = TwoNodes.channel(third).getAddress();
        assertEquals(secret.isEmpty() ? 1 : 0, warnings("without gatecache.cluster.secret").size(),
                "a node without a secret says so at start");
        // it asked both nodes to let it in, and, alone, keeps asking at each merge round (every
        // 0.5 to 1.5 s here): by the third refusal on each, it has asked again since its start
        TwoNodes.poll(() -> sealA.refused() >= 3 && sealB.refused() >= 3, "the third node's requests refused");
        assertEquals(2, nodes.a.membership().members().size(), "node A's view: the two nodes");
        assertEquals(2, nodes.b.membership().members().size(), "node B's view: the two nodes");
        assertEquals(List.of(intruder), third.membership().members(), "the third node is alone");
        TwoNodes.poll(() -> !warnings("from " + intruder).isEmpty(), "the refusal logged, naming the third node");
        assertTrue(warnings("from " + intruder).get(0).contains("gatecache.cluster.secret"),
                warnings("from " + intruder).get(0));

        // what it stores and purges stays with it
        assertEquals(ResponseStore.PutOutcome.STORED, third.put(KEY, response("forged"), CLOCK.millis(), LIFESPAN));
        third.invalidateAll(CLOCK.millis() + 1);
        assertEquals("real", body(nodes.a.get(KEY)), "not served by node A, nor purged there");
        assertEquals("real", body(nodes.b.get(KEY)), "not served by node B, nor purged there");
        assertEquals(2, nodes.a.membership().members().size());
        assertEquals(ResponseStore.PutOutcome.STORED, nodes.b.put(KEY + "/b", response("b"), CLOCK.millis(), LIFESPAN));
        assertTrue(aSaw.senders.contains(TwoNodes.channel(nodes.b).getAddress()), "the witness sees what passes");
        assertFalse(aSaw.senders.contains(intruderAddress), "nothing the third node sent got past node A's seal");
        assertFalse(bSaw.senders.contains(intruderAddress), "nothing the third node sent got past node B's seal");
    }

    /** A protocol put right above a node's seal: the senders of what the seal lets up. */
    private static final class Witness extends Protocol {
        final Set<Address> senders = ConcurrentHashMap.newKeySet();

        static Witness above(InfinispanResponseStore node) {
            Witness w = new Witness();
            try {
                TwoNodes.channel(node).getProtocolStack().insertProtocol(w, ProtocolStack.Position.ABOVE,
                        SealingProtocol.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return w;
        }

        @Override
        public Object up(Message msg) {
            senders.add(msg.getSrc());
            return up_prot.up(msg);
        }

        @Override
        public void up(MessageBatch batch) {
            senders.add(batch.sender());
            batch.forEach(m -> senders.add(m.getSrc()));
            up_prot.up(batch);
        }
    }

    @Test
    void aSecretTheStoreCannotSealWithStopsItsStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InfinispanResponseStore.start("gatecache-test/infinispan-no-stack.xml", "gatecache-responses",
                        CLOCK, 16, LIFESPAN, Optional.of(TwoNodes.SECRET)));
        assertTrue(e.getMessage().contains("gatecache.cluster.secret is set, but the store configuration"),
                e.getMessage());
    }
}
