package io.gatecache.api;

import java.util.Objects;

/**
 * Fire it as a CDI event when what a user may see has changed (a role given or taken): the cache
 * forgets that user's context hashes, on every node, and the user's next request has its hash
 * worked out again.
 *
 * <pre>
 * &#64;Inject Event&lt;UserContextChanged&gt; changed;
 * ...
 * changed.fire(new UserContextChanged("reader1"));
 * </pre>
 *
 * @param user the user's name, as the request's principal gives it
 */
public record UserContextChanged(String user) {

    public UserContextChanged {
        Objects.requireNonNull(user, "user");
    }
}
