package io.gatecache.undertow;

import io.gatecache.core.CacheKey;
import io.gatecache.engine.Answer;
import io.gatecache.engine.CacheEngine;
import io.gatecache.engine.Exchange;
import io.gatecache.jakarta.servlet.FastPath;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.servlet.ServletContext;
import java.nio.ByteBuffer;

/**
 * The cache's front door below the servlet container: a GET or HEAD the store answers fresh (a
 * hit, a 304, a HEAD, a single range) is answered here, from the stored bytes, with the same
 * engine and policy as the servlet front door ({@link CacheEngine#fresh}); everything else goes
 * on to the servlet chain and its front door, untouched. A hit answered here skips the
 * application's filters, as one from a cache in front of the server would: only what a shared
 * cache may serve is ever stored. Not for an application that authenticates requests itself
 * ({@link FastPath#authenticates}). On the I/O thread while the store
 * reads from memory; dispatched to a worker when a read may wait on another node.
 */
final class FastPathHandler implements HttpHandler {

    private final HttpHandler next;
    private final ServletContext context;

    FastPathHandler(HttpHandler next, ServletContext context) {
        this.next = next;
        this.context = context;
    }

    @Override
    public void handleRequest(HttpServerExchange x) throws Exception {
        // the application's cache, once it has started
        if (!(context.getAttribute(FastPath.ATTRIBUTE) instanceof FastPath fastPath)
                || !eligible(x, fastPath.runtime().engine()) || fastPath.authenticates()) {
            next.handleRequest(x);
            return;
        }
        GatecacheRuntime runtime = fastPath.runtime();
        if (x.isInIoThread() && !runtime.store().readsLocally()) {
            x.dispatch(this);
            return;
        }
        CacheEngine engine = runtime.engine();
        String query = x.getQueryString();
        Exchange ex = engine.begin(x.getRequestMethod().toString(),
                CacheKey.origin(x.getRequestScheme(), x.getHostName(), x.getHostPort()),
                x.getDestinationAddress().getPort(), x.getRequestURI(), query.isEmpty() ? null : query,
                name -> field(x.getRequestHeaders(), name));
        Answer answer = engine.fresh(ex);
        if (answer == null) {
            next.handleRequest(x);
            return;
        }
        write(x, answer);
    }

    /** Whether the request may be looked up here ({@link CacheEngine#mayAnswerBelowContainer}). */
    private static boolean eligible(HttpServerExchange x, CacheEngine engine) {
        HeaderMap fields = x.getRequestHeaders();
        return engine.mayAnswerBelowContainer(x.getRequestMethod().toString(), x.getRequestURI(),
                fields.count(Headers.HOST), fields::contains);
    }

    /** A field's values joined, as the servlet front door reads them; null when absent. */
    private static String field(HeaderMap fields, String name) {
        HeaderValues values = fields.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.getFirst() : String.join(", ", values);
    }

    private static void write(HttpServerExchange x, Answer answer) {
        x.setStatusCode(answer.status());
        HeaderMap out = x.getResponseHeaders();
        answer.forEachField((name, value) -> out.add(HttpString.tryFromString(name), value),
                (name, value) -> out.put(HttpString.tryFromString(name), value));
        if (answer.contentLength() >= 0) {
            out.put(Headers.CONTENT_LENGTH, answer.contentLength());
        }
        byte[] body = answer.body();
        if (body != null && body.length > 0) {
            x.getResponseSender().send(ByteBuffer.wrap(body));
        } else {
            x.endExchange();
        }
    }
}
