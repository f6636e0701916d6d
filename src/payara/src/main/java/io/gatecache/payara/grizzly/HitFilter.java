package io.gatecache.payara.grizzly;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpContext;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.OutputSink;
import org.glassfish.grizzly.WriteHandler;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Answers, before the web container, a request the application's cache answers fresh; hands
 * every other request on, untouched. Only a whole GET or HEAD over HTTP/1.x, with no upgrade, no
 * expectation and a target the container would not decode or normalise (no {@code %}, {@code ;},
 * {@code \}, empty, {@code .} or {@code ..} segment), is looked at: the container maps what is
 * left with the same mapper, so the application found is the one it would run. The cache
 * decides the rest ({@link Applications.Application#door()}), as it does for its other doors.
 * A failure hands the request on, unless the answer has begun.
 */
final class HitFilter extends BaseFilter {

    private static final Logger LOG = Logger.getLogger(HitFilter.class.getName());

    private final Applications applications;

    HitFilter(Applications applications) {
        this.applications = applications;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                || !content.isLast() || !eligible(request)) {
            return ctx.getInvokeAction();
        }
        HttpResponsePacket response = request.getResponse();
        try {
            Applications.Application app = applications.map(request.serverName().toString(), request.getRequestURI());
            if (app == null) {
                return ctx.getInvokeAction();
            }
            GrizzlyRequest fields = new GrizzlyRequest(request, ctx.getConnection(), app.constrained());
            ByteBuffer body = app.door().apply(fields, new GrizzlyResponse(response));
            if (body == null) {
                return ctx.getInvokeAction();
            }
            ctx.write(HttpContent.builder(response).content(Buffers.wrap(ctx.getMemoryManager(), body))
                    .last(true).build());
            // as the server's own response ends: the connection is kept alive, or closed (Connection: close,
            // HTTP/1.0, the last request a connection may make)
            ctx.notifyDownstream(HttpServerFilter.RESPONSE_COMPLETE_EVENT);
        } catch (RuntimeException | LinkageError e) {
            // an application stopping under the request, say: the container answers it
            LOG.log(Level.WARNING, "Gatecache: the Grizzly door failed; the request goes on into the container", e);
            if (response.isCommitted()) {
                return ctx.getStopAction();
            }
            response.getHeaders().clear();
            response.setStatus(200);
            response.setContentLengthLong(-1);
            return ctx.getInvokeAction();
        }
        return written(ctx);
    }

    /** Whether the request may be looked at here. */
    static boolean eligible(HttpRequestPacket request) {
        Method method = request.getMethod();
        Protocol protocol;
        try {
            protocol = request.getProtocol();
        } catch (IllegalStateException unknown) {
            return false;
        }
        return (method == Method.GET || method == Method.HEAD)
                && (protocol == Protocol.HTTP_1_1 || protocol == Protocol.HTTP_1_0)
                && !request.getProcessingState().isError() && !request.isUpgrade()
                && request.getHeader("Expect") == null && plain(request.getRequestURI());
    }

    /**
     * Whether a request path is one the container takes as it is: visible ASCII from a {@code /},
     * with nothing it decodes ({@code %}), cuts ({@code ;}), turns into a slash ({@code \}) or
     * normalises (an empty, {@code .} or {@code ..} segment).
     */
    static boolean plain(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int n = path.length();
        for (int i = 0; i < n; i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '%' || c == ';' || c == '\\') {
                return false;
            }
            if (c == '/' && i > 0 && dotOrEmptySegment(path, i - 1)) {
                return false;
            }
        }
        // a last segment after the last slash: none (a trailing slash), or neither "." nor ".."
        return path.charAt(n - 1) == '/' || !dotOrEmptySegment(path, n - 1);
    }

    /** Whether the segment ending at {@code end} (inclusive) is empty, {@code .} or {@code ..}. */
    private static boolean dotOrEmptySegment(String path, int end) {
        int start = path.lastIndexOf('/', end) + 1;
        int length = end - start + 1;
        if (length == 0) {
            return true;
        }
        return (length == 1 || length == 2) && path.charAt(start) == '.' && path.charAt(end) == '.';
    }

    /** Once the answer is written: on at once, or once the connection can take more. */
    private static NextAction written(FilterChainContext ctx) {
        HttpContext http = HttpContext.get(ctx);
        OutputSink output = http == null ? null : http.getOutputSink();
        if (output == null || output.canWrite()) {
            return ctx.getStopAction();
        }
        NextAction suspend = ctx.getSuspendAction();
        ctx.suspend();
        output.notifyCanWrite(new WriteHandler() {
            @Override
            public void onWritePossible() {
                ctx.completeAndRecycle();
            }

            @Override
            public void onError(Throwable t) {
                ctx.completeAndRecycle();
            }
        });
        return suspend;
    }
}
