package io.gatecache.example;

import jakarta.ejb.ApplicationException;

/**
 * A request the site refuses (unknown id, a move into its own subtree, a bad body...), with the
 * status and the short text the client gets. Thrown by the service, it rolls the transaction
 * back and reaches the resource as it is (an application exception, not wrapped).
 */
@ApplicationException(rollback = true)
public class SiteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public SiteException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
