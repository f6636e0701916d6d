package io.gatecache.undertow;

import io.gatecache.core.CacheKey;
import io.gatecache.engine.Answer;
import io.gatecache.engine.BelowContainer;
import io.gatecache.jakarta.servlet.FastPath;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.servlet.ServletContext;
import java.nio.ByteBuffer;

/**
 * The cache's door below the servlet container on Undertow (WildFly): an adapter of the
 * {@link BelowContainer} door, in front of the deployment's servlet chain. A request the door
 * does not answer goes on to the servlet chain and its front door, untouched. On the I/O thread
 * while the store reads from memory; dispatched to a worker when a read may wait on another node.
 */
final class FastPathHandler implements HttpHandler {

    private final HttpHandler next;
    private final ServletContext context;
    private final boolean constrained;

    /** @param constrained whether the deployment has security constraints or a login configuration */
    FastPathHandler(HttpHandler next, ServletContext context, boolean constrained) {
        this.next = next;
        this.context = context;
        this.constrained = constrained;
    }

    @Override
    public void handleRequest(HttpServerExchange x) throws Exception {
        // the application's cache, once it has started
        if (!(context.getAttribute(FastPath.ATTRIBUTE) instanceof FastPath fastPath)) {
            next.handleRequest(x);
            return;
        }
        BelowContainer door = fastPath.door();
        Request request = new Request(x);
        if (x.isInIoThread() && !door.readsLocally()) {
            // a read may wait on another node: a request the door may answer goes to a worker
            if (door.eligible(request)) {
                x.dispatch(this);
            } else {
                next.handleRequest(x);
            }
            return;
        }
        // the door checks the request's eligibility itself, once
        if (!door.answer(request, new Response(x), constrained)) {
            next.handleRequest(x);
        }
    }

    /** An exchange's request as the door reads it. */
    private record Request(HttpServerExchange x) implements BelowContainer.Request {
        @Override
        public String method() {
            return x.getRequestMethod().toString();
        }

        @Override
        public String target() {
            return x.getRequestURI();
        }

        @Override
        public String path() {
            return x.getRequestURI();
        }

        @Override
        public String query() {
            String query = x.getQueryString();
            return query.isEmpty() ? null : query;
        }

        @Override
        public String origin() {
            return CacheKey.origin(x.getRequestScheme(), x.getHostName(), x.getHostPort());
        }

        @Override
        public int localPort() {
            return x.getDestinationAddress().getPort();
        }

        @Override
        public int hosts() {
            return x.getRequestHeaders().count(Headers.HOST);
        }

        @Override
        public String field(String name) {
            HeaderValues values = x.getRequestHeaders().get(name);
            if (values == null || values.isEmpty()) {
                return null;
            }
            return values.size() == 1 ? values.getFirst() : String.join(", ", values);
        }
    }

    /** An exchange's response as the door writes it. */
    private record Response(HttpServerExchange x) implements BelowContainer.Response {
        @Override
        public void write(Answer answer) {
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

        @Override
        public boolean committed() {
            return x.isResponseStarted();
        }

        @Override
        public void reset() {
            x.getResponseHeaders().clear();
            x.setStatusCode(200);
        }
    }
}
