package io.gatecache.jakarta.context;

import io.gatecache.api.UserContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

/** A request's user context as the providers fill it in: pairs, over the request's authenticated user. */
final class RequestUserContext implements UserContext {

    private final HttpServletRequest request;
    private final Map<String, String> pairs = new HashMap<>();

    RequestUserContext(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public Principal principal() {
        return request.getUserPrincipal();
    }

    @Override
    public boolean isUserInRole(String role) {
        return request.isUserInRole(role);
    }

    @Override
    public void add(String key, String value) {
        if (key == null || key.isEmpty() || value == null) {
            throw new IllegalArgumentException("a user context pair needs a key and a value: " + key + "=" + value);
        }
        pairs.put(key, value);
    }

    Map<String, String> pairs() {
        return Map.copyOf(pairs);
    }
}
