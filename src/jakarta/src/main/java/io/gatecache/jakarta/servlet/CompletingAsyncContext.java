package io.gatecache.jakarta.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An asynchronous response's context whose {@link #complete()} first ends the cache's part of the
 * response (a captured body is stored and sent), so an asynchronous resource is cached like any.
 */
final class CompletingAsyncContext implements AsyncContext {

    private final AsyncContext delegate;
    private final CapturingResponse response;

    CompletingAsyncContext(AsyncContext delegate, CapturingResponse response) {
        this.delegate = delegate;
        this.response = response;
    }

    @Override
    public void complete() {
        try {
            if (response != null) {
                response.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delegate.complete();
        }
    }

    @Override
    public ServletRequest getRequest() {
        return delegate.getRequest();
    }

    @Override
    public ServletResponse getResponse() {
        return delegate.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return delegate.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
        delegate.dispatch();
    }

    @Override
    public void dispatch(String path) {
        delegate.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        delegate.dispatch(context, path);
    }

    @Override
    public void start(Runnable run) {
        delegate.start(run);
    }

    @Override
    public void addListener(AsyncListener listener) {
        delegate.addListener(listener);
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        delegate.addListener(listener, request, response);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> clazz) throws ServletException {
        return delegate.createListener(clazz);
    }

    @Override
    public void setTimeout(long timeout) {
        delegate.setTimeout(timeout);
    }

    @Override
    public long getTimeout() {
        return delegate.getTimeout();
    }
}
