package io.gatecache.engine.downstream;

import java.util.concurrent.atomic.LongAdder;

/** What went downstream: purge requests sent, retried and failed, purges lost and replaced, tag fields cut. */
public final class DownstreamCounters {

    final LongAdder sent = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder everything = new LongAdder();
    final LongAdder tagFieldsCut = new LongAdder();

    /** Purge requests a server accepted (a 2xx). */
    public long sent() {
        return sent.sum();
    }

    /** Purge requests sent again after a failure. */
    public long retried() {
        return retried.sum();
    }

    /** Purge requests that failed every attempt (a purge of everything then replaces them). */
    public long failed() {
        return failed.sum();
    }

    /** Purges dropped from a full queue (a purge of everything then replaces them). */
    public long dropped() {
        return dropped.sum();
    }

    /** Purges of everything sent in place of purges failed or dropped. */
    public long everything() {
        return everything.sum();
    }

    /** Responses whose downstream tag field was cut at the maximum length. */
    public long tagFieldsCut() {
        return tagFieldsCut.sum();
    }

    public void reset() {
        sent.reset();
        retried.reset();
        failed.reset();
        dropped.reset();
        everything.reset();
        tagFieldsCut.reset();
    }
}
