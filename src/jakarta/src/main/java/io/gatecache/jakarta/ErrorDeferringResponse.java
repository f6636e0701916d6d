package io.gatecache.jakarta;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Holds back a server error the JAX-RS runtime sends with {@code sendError} (as it does for an
 * exception no mapper handles) while a stale response could answer instead (stale-if-error).
 */
final class ErrorDeferringResponse extends HttpServletResponseWrapper {

    private int deferred;
    private String message;
    private boolean passThrough;

    ErrorDeferringResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void sendError(int sc) throws java.io.IOException {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) throws java.io.IOException {
        if (sc >= 500 && !passThrough) {
            deferred = sc;
            message = msg;
        } else if (msg == null) {
            super.sendError(sc);
        } else {
            super.sendError(sc, msg);
        }
    }

    /** From now on, errors go straight to the response (an asynchronous response is being written). */
    void passThrough() {
        passThrough = true;
        if (failed()) {
            try {
                sendDeferred();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Whether a server error was held back. */
    boolean failed() {
        return deferred > 0;
    }

    /** Sends the held-back error after all. */
    void sendDeferred() throws java.io.IOException {
        if (message == null) {
            super.sendError(deferred);
        } else {
            super.sendError(deferred, message);
        }
    }
}
