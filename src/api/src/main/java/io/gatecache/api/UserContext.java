package io.gatecache.api;

import java.security.Principal;

/**
 * What a user may see, as {@link UserContextProvider}s describe it: key/value pairs. The cache
 * hashes the pairs, sorted, into the user's context hash; users whose pairs are the same share
 * the pages that vary on it. Put in only what decides what a page shows (roles, a subscription
 * level, a language), never who the user is, or nothing is shared.
 */
public interface UserContext {

    /** The authenticated user, or null for a request without one. */
    Principal principal();

    /** Whether the authenticated user has a role. */
    boolean isUserInRole(String role);

    /**
     * Adds a pair; a key added twice keeps its last value.
     *
     * @throws IllegalArgumentException for a null or empty key, or a null value
     */
    void add(String key, String value);
}
