package io.gatecache.core.purge;

/**
 * A ban refused because {@link PurgeLedger#MAX_BANS} bans are in force already: it is in force on
 * no node. A purge by tag, or a clear, does what it would have done; older bans are forgotten
 * once no entry they could reach is kept.
 */
public final class TooManyBans extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    TooManyBans() {
        super(PurgeLedger.MAX_BANS + " bans are in force already; purge by tag, or clear");
    }
}
