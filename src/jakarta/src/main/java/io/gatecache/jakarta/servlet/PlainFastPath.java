package io.gatecache.jakarta.servlet;

import io.gatecache.core.CacheKey;
import io.gatecache.engine.Answer;
import io.gatecache.engine.BelowContainer;
import io.gatecache.engine.FrontDoor;
import jakarta.servlet.ServletContext;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The cache's door below the web container ({@link BelowContainer}) in the JDK's types only, for
 * an adapter that has neither the application's classes nor a servlet request: Payara's Grizzly
 * door, which runs before the web container parses the request. Published as the servlet context
 * attribute {@link #ATTRIBUTE}.
 *
 * <p>The adapter hands {@link #apply} the request as one lookup: a field's name gives the
 * field's values joined with {@code ", "} (or null), and the pseudo-fields below give the rest.
 * When the store answers the request fresh, the adapter's {@code head} is given {@code :status},
 * then every field in order (a {@code Server} field replaces the server's own), and the body is
 * returned (empty for a HEAD or a 304); otherwise nothing is given and null is returned, for the
 * request to go on into the container.
 */
public final class PlainFastPath implements BiFunction<UnaryOperator<String>, BiConsumer<String, String>, ByteBuffer> {

    /** The servlet context attribute that holds it. */
    public static final String ATTRIBUTE = "io.gatecache.fast-path.plain";
    /** Pseudo-field: the request method. */
    public static final String METHOD = ":method";
    /** Pseudo-field: the request target's path, as sent (origin form). */
    public static final String PATH = ":path";
    /** Pseudo-field: the request target's query, without its {@code ?}, or null. */
    public static final String QUERY = ":query";
    /** Pseudo-field: {@code http} or {@code https}. */
    public static final String SCHEME = ":scheme";
    /** Pseudo-field: the server name the container reads from the request (its Host, or the local name). */
    public static final String SERVER_NAME = ":server-name";
    /** Pseudo-field: the server port the container reads from the request, in decimal. */
    public static final String SERVER_PORT = ":server-port";
    /** Pseudo-field: the port the request came in on, in decimal. */
    public static final String LOCAL_PORT = ":local-port";
    /** Pseudo-field: how many Host fields the request has, in decimal. */
    public static final String HOSTS = ":hosts";
    /** Pseudo-field: the connection's id, as the container's Servlet 6 connection id, or null. */
    public static final String CONNECTION = ":connection";
    /** Pseudo-field: present (any value) when the container has security constraints for the application. */
    public static final String CONSTRAINED = ":constrained";
    /** What {@code head} is given first: the status code, in decimal. */
    public static final String STATUS = ":status";

    private final BelowContainer door;

    PlainFastPath(GatecacheRuntime runtime, ServletContext context) {
        this(FastPath.door(runtime, context, FrontDoor.GRIZZLY));
    }

    PlainFastPath(BelowContainer door) {
        this.door = door;
    }

    @Override
    public ByteBuffer apply(UnaryOperator<String> request, BiConsumer<String, String> head) {
        String connection = request.apply(CONNECTION);
        if (connection != null && ClosingConnections.closing(number(connection))) {
            // sent behind a request after which the connection closes: refused in the container
            return null;
        }
        Held answer = new Held();
        if (!door.answer(new Request(request), answer, request.apply(CONSTRAINED) != null) || answer.status == 0) {
            return null;
        }
        head.accept(STATUS, Integer.toString(answer.status));
        for (String[] field : answer.fields) {
            head.accept(field[0], field[1]);
        }
        return ByteBuffer.wrap(answer.body == null ? new byte[0] : answer.body);
    }

    /** A decimal the adapter gave, or -1. */
    private static long number(String decimal) {
        try {
            return decimal == null ? -1 : Long.parseLong(decimal);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The adapter's request as the door reads it (its origin made once). */
    private static final class Request implements BelowContainer.Request {
        private final UnaryOperator<String> fields;
        private String origin;

        Request(UnaryOperator<String> fields) {
            this.fields = fields;
        }

        @Override
        public String method() {
            return fields.apply(METHOD);
        }

        @Override
        public String target() {
            String query = query();
            return query == null ? path() : path() + '?' + query;
        }

        @Override
        public String path() {
            return fields.apply(PATH);
        }

        @Override
        public String query() {
            return fields.apply(QUERY);
        }

        @Override
        public String origin() {
            if (origin == null) {
                origin = CacheKey.origin(fields.apply(SCHEME), fields.apply(SERVER_NAME),
                        (int) number(fields.apply(SERVER_PORT)));
            }
            return origin;
        }

        @Override
        public int localPort() {
            return (int) number(fields.apply(LOCAL_PORT));
        }

        @Override
        public int hosts() {
            return (int) number(fields.apply(HOSTS));
        }

        @Override
        public String field(String name) {
            // a field's name never begins with ':'; what does is not the client's to set
            return name.startsWith(":") ? null : fields.apply(name);
        }
    }

    /** The answer, held until the door has decided: the adapter is given all of it, or nothing. */
    private static final class Held implements BelowContainer.Response {
        int status;
        final List<String[]> fields = new ArrayList<>();
        byte[] body;

        @Override
        public void write(Answer answer) {
            status = answer.status();
            answer.forEachField((name, value) -> fields.add(new String[] {name, value}));
            if (answer.contentLength() >= 0) {
                fields.add(new String[] {"Content-Length", Long.toString(answer.contentLength())});
            }
            body = answer.body();
        }

        @Override
        public boolean committed() {
            return false;
        }

        @Override
        public void reset() {
            status = 0;
            fields.clear();
            body = null;
        }
    }
}
