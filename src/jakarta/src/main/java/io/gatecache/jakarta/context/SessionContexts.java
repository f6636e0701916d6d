package io.gatecache.jakarta.context;

import io.gatecache.engine.UserContexts;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/** Forgets a session's user context hash when the session ends, and when its id changes. */
public final class SessionContexts implements HttpSessionListener, HttpSessionIdListener {

    private final UserContexts contexts;

    public SessionContexts(UserContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        contexts.forgetSession(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        contexts.forgetSession(oldSessionId);
    }
}
