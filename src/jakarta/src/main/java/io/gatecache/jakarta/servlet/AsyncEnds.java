package io.gatecache.jakarta.servlet;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/**
 * Runs an action when an asynchronous cycle ends, however it ends: completed, timed out or
 * failed.
 */
final class AsyncEnds implements AsyncListener {
    private final Runnable action;
    private final boolean followsNewCycles;

    private AsyncEnds(Runnable action, boolean followsNewCycles) {
        this.action = action;
        this.followsNewCycles = followsNewCycles;
    }

    /** At the end of this cycle only (whoever starts a new one registers what it needs again). */
    static AsyncEnds ofThisCycle(Runnable action) {
        return new AsyncEnds(action, false);
    }

    /** At the end of this cycle and of every one the application starts after it. */
    static AsyncEnds ofEveryCycle(Runnable action) {
        return new AsyncEnds(action, true);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        action.run();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        action.run();
    }

    @Override
    public void onError(AsyncEvent event) {
        action.run();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        if (followsNewCycles) {
            event.getAsyncContext().addListener(this);
        }
    }
}
