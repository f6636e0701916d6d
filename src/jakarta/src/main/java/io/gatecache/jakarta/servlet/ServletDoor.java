package io.gatecache.jakarta.servlet;

import io.gatecache.core.Headers;
import io.gatecache.engine.Answer;
import io.gatecache.engine.BackgroundRefresher;
import io.gatecache.engine.Capture;
import io.gatecache.engine.RequestPipeline;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One request through the servlet front door, as the engine's {@link RequestPipeline} sees it:
 * the servlet request read, answers written to the servlet response, and the request passed on
 * down the filter chain with its response captured ({@link CapturingResponse}).
 */
final class ServletDoor extends ServletRequestView implements RequestPipeline.Door<ServletException> {

    private final GatecacheRuntime runtime;
    private final HttpServletRequest client;
    private final HttpServletRequest req;
    private final BackgroundRefresher.Addressing refresh;
    /** The user context hash field and its value, once worked out; null before, or for none. */
    private String hashField;
    private String hash;
    private final HttpServletResponse res;
    private final FilterChain chain;

    /**
     * @param client the request as the container gave it
     * @param req the request to look up and pass on: the client's, or, for a background refresh,
     *        the client's addressed as the request it refreshes
     * @param refresh the addressing of the request a background refresh refreshes, or null
     */
    ServletDoor(GatecacheRuntime runtime, HttpServletRequest client, HttpServletRequest req,
            BackgroundRefresher.Addressing refresh, HttpServletResponse res, FilterChain chain) {
        super(req);
        this.runtime = runtime;
        this.client = client;
        this.req = req;
        this.refresh = refresh;
        this.res = res;
        this.chain = chain;
    }

    @Override
    public String remoteAddress() {
        return client.getRemoteAddr();
    }

    @Override
    public String field(String name) {
        return hashField != null && hashField.equalsIgnoreCase(name) ? hash : super.field(name);
    }

    /** The id of the valid session the client names, or null. */
    @Override
    public String session() {
        return client.isRequestedSessionIdValid() ? client.getRequestedSessionId() : null;
    }

    @Override
    public String user() {
        return client.getRemoteUser();
    }

    @Override
    public Map<String, String> userContext() {
        return runtime.contexts().of(client);
    }

    /** The session the request has now, and its user: a login, a logout or a new session id changes it. */
    @Override
    public String contextState() {
        jakarta.servlet.http.HttpSession session = client.getSession(false);
        return (session == null ? "" : session.getId()) + " " + client.getRemoteUser();
    }

    @Override
    public void userHash(String field, String value) {
        hashField = field;
        hash = value;
    }

    /** The request as passed on: with the user context hash in its field, once worked out. */
    private HttpServletRequest passed() {
        return hashField == null ? req : new UserHashRequest(req, hashField, hash);
    }

    @Override
    public boolean refresh() {
        return refresh != null;
    }

    @Override
    public void fragment() {
        client.setAttribute(GatecacheFilter.FRAGMENT_ATTRIBUTE, Boolean.TRUE);
    }

    @Override
    public void answer(Answer answer) throws IOException {
        GatecacheFilter.write(res, answer);
    }

    /**
     * Starts a background refresh, as a request to this server over the connector the client
     * used; none from a TLS connector.
     */
    @Override
    public boolean refreshInBackground(String key) {
        URI self = loopback();
        if (self == null) {
            return false;
        }
        String query = req.getQueryString();
        URI target;
        try {
            target = URI.create(self + req.getRequestURI() + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException notAUri) {
            // a target the HTTP client cannot send (the container was more lenient): revalidate now
            return false;
        }
        return runtime.refresher().trigger(key, target, fieldLines(), new BackgroundRefresher.Addressing(
                req.getScheme(), req.getHeader("Host"), req.getServerName(), req.getServerPort()));
    }

    @Override
    public List<Map.Entry<String, String>> fieldLines() {
        return GatecacheFilter.fieldLines(passed());
    }

    @Override
    public URI loopback() {
        return GatecacheFilter.loopback(req);
    }

    @Override
    public boolean pass(Headers validators, Function<Capture.Target, Capture> capture, Runnable ended)
            throws IOException, ServletException {
        ForwardedRequest forwarded = new ForwardedRequest(passed(), validators, refresh);
        CapturingResponse captured = CapturingResponse.over(res, forwarded, capture);
        AsyncEnds end = AsyncEnds.ofThisCycle(ended);
        forwarded.response(captured, end);
        chain.doFilter(forwarded, captured);
        if (!GatecacheFilter.wentAsync(forwarded, forwarded, 0)) {
            return false;
        }
        if (forwarded.asyncStarts() == 0) {
            // started on the container's own request, out of the cache's sight: told its end now
            forwarded.getAsyncContext().addListener(end);
        }
        return true;
    }
}
