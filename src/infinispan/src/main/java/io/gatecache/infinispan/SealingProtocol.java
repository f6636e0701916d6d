package io.gatecache.infinispan;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.util.ByteArray;
import org.jgroups.util.FastArray;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;

/**
 * The JGroups protocol that seals a member's messages with the {@link ClusterKey}, placed directly
 * above the transport (see {@link SealedStack}): each message on its way down, with its headers,
 * flags and addresses, becomes the sealed payload of a new one; each message on its way up is
 * opened, and let up only if it opens and names the sender it came from. Discovery, joins,
 * failure detection, merges and the store's own traffic all pass here, so a process without the
 * secret gets no answer, and nothing it sends reaches the layers above: it cannot join, nor read,
 * write or purge the store.
 * <p>
 * What is refused is dropped and counted, and logged with its sender at most once a minute, the
 * next report counting those in between (a flood of refused messages cannot flood the log).
 */
final class SealingProtocol extends Protocol {

    private static final Logger LOG = Logger.getLogger(SealingProtocol.class.getName());
    /** How often refusals are reported, at most. */
    static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ClusterKey key;
    private final LongAdder refused = new LongAdder();
    private final ThrottledReport reports = new ThrottledReport(REPORT_INTERVAL_NANOS);

    SealingProtocol(ClusterKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public Object down(Message msg) {
        if (msg.getSrc() == null) {
            msg.setSrc(local_addr);
        }
        ByteArray plain;
        try {
            plain = Util.messageToBuffer(msg);
        } catch (Exception e) {
            throw new IllegalStateException("Gatecache: cannot write a cluster message to seal it", e);
        }
        // the flags the transport acts on (out of band, no loopback, no blocking on a full queue) go with it
        Message sealed = new BytesMessage(msg.getDest(), key.seal(plain.getArray(), plain.getOffset(), plain.getLength()))
                .setSrc(msg.getSrc()).setFlag(msg.getFlags(false), false).setFlag(msg.getFlags(true), true);
        return down_prot.down(sealed);
    }

    @Override
    public Object up(Message msg) {
        Message opened = open(msg, msg.getSrc());
        return opened == null ? null : up_prot.up(opened);
    }

    @Override
    public void up(MessageBatch batch) {
        @SuppressWarnings("unchecked")
        FastArray<Message>.FastIterator it = (FastArray<Message>.FastIterator) batch.iterator();
        while (it.hasNext()) {
            Message opened = open(it.next(), batch.sender());
            if (opened == null) {
                it.remove();
            } else {
                it.replace(opened);
            }
        }
        if (!batch.isEmpty()) {
            up_prot.up(batch);
        }
    }

    /** The message a sealed one holds, or null (counted and reported) when it does not open or names another sender. */
    private Message open(Message msg, Address sender) {
        byte[] plain = msg.hasArray() ? key.open(msg.getArray(), msg.getOffset(), msg.getLength()) : null;
        if (plain == null) {
            refuse(sender, "it is not sealed with this cluster's secret");
            return null;
        }
        Message inner;
        try {
            inner = Util.messageFromBuffer(plain, 0, plain.length);
        } catch (Exception e) {
            refuse(sender, "it does not read as a message (" + e + ")");
            return null;
        }
        if (!Objects.equals(inner.getSrc(), sender)) {
            refuse(sender, "it was sealed by " + inner.getSrc());
            return null;
        }
        return inner;
    }

    private void refuse(Address sender, String why) {
        refused.increment();
        long before = reports.occurred(System.nanoTime());
        if (before < 0) {
            return;
        }
        LOG.log(Level.WARNING, () -> "Gatecache: refused a cluster message from " + sender + " to " + local_addr
                + ": " + why + " (gatecache.cluster.secret); a process without the secret cannot join"
                + (before == 0 ? "" : " (and " + before + " more refused since the last report)"));
    }

    /** How many messages were refused since the start. */
    long refused() {
        return refused.sum();
    }
}
