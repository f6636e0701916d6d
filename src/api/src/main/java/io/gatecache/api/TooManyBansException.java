package io.gatecache.api;

/**
 * A ban refused because the most bans that can be in force at once (1,000) are in force already:
 * it is in force on no node. Purging by tag, or clearing everything, does what the ban would have
 * done; older bans are forgotten once no entry they could reach is kept. Issuing the ban again at
 * once is refused the same way.
 *
 * <p>Thrown by the cache, never made by an application; an {@link IllegalStateException}, as
 * before there was a type of its own.
 */
public abstract class TooManyBansException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** For the cache implementation's own subclass. */
    protected TooManyBansException(String message, Throwable cause) {
        super(message, cause);
    }
}
