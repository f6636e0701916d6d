package io.gatecache.jakarta.servlet;

import io.gatecache.core.Headers;
import io.gatecache.engine.BackgroundRefresher;
import io.gatecache.engine.OriginClient;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request as the application sees it when the cache forwards it: the stored validators in
 * place of the client's conditionals when the cache revalidates (so
 * {@code Request.evaluatePreconditions} answers 304 cheaply), a background refresh's token
 * removed and the original request's addressing restored, and an asynchronous response that
 * ends through the cache.
 */
final class ForwardedRequest extends HttpServletRequestWrapper {

    private static final Set<String> CONDITIONALS = Set.of("if-none-match", "if-modified-since");
    private static final String REFRESH_TOKEN = OriginClient.REFRESH_TOKEN.toLowerCase(Locale.ROOT);
    private static final String FRAGMENT = io.gatecache.engine.EsiPages.fragmentField().toLowerCase(Locale.ROOT);

    private final Headers validators;
    private final BackgroundRefresher.Addressing refresh;
    private CapturingResponse response;
    private AsyncListener asyncEnd;
    private volatile AsyncContext async;
    /** How many asynchronous cycles the application started through this request. */
    private final AtomicInteger asyncStarts = new AtomicInteger();

    /**
     * @param validators the fields that replace the client's conditionals (empty: the client's stay)
     * @param refresh the addressing a background refresh stands for, or null
     */
    ForwardedRequest(HttpServletRequest request, Headers validators, BackgroundRefresher.Addressing refresh) {
        super(request);
        this.validators = validators;
        this.refresh = refresh;
    }

    /**
     * @param captured the response the application writes
     * @param asyncEnd told when an asynchronous cycle the application starts ends (registered as
     *        the cycle starts, before any other thread can end it)
     */
    void response(CapturingResponse captured, AsyncListener asyncEnd) {
        this.response = captured;
        this.asyncEnd = asyncEnd;
    }

    /**
     * How many asynchronous cycles the application started through this request so far: a
     * dispatch during which this did not change left the response to the cache to end. (Whether
     * the request says it is asynchronous cannot tell: once another thread has dispatched or
     * completed it, it says no, while the application's part may still be running.)
     */
    int asyncStarts() {
        return asyncStarts.get();
    }

    private boolean replaced(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        // the refresh token is the cache's own: the application never sees it, whoever sent it
        return lower.equals(REFRESH_TOKEN) || lower.equals(FRAGMENT)
                || (validators.size() > 0 && CONDITIONALS.contains(lower))
                || (refresh != null && lower.equals("host"));
    }

    private List<String> own(String name) {
        if (name.equalsIgnoreCase(REFRESH_TOKEN) || name.equalsIgnoreCase(FRAGMENT)) {
            return List.of();
        }
        if (refresh != null && name.equalsIgnoreCase("Host")) {
            return refresh.host() == null ? List.of() : List.of(refresh.host());
        }
        return validators.all(name);
    }

    @Override
    public String getHeader(String name) {
        if (!replaced(name)) {
            return super.getHeader(name);
        }
        List<String> values = own(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return replaced(name) ? Collections.enumeration(own(name)) : super.getHeaders(name);
    }

    @Override
    public long getDateHeader(String name) {
        if (!replaced(name)) {
            return super.getDateHeader(name);
        }
        String value = getHeader(name);
        return value == null ? -1 : io.gatecache.core.HttpDate.parse(value).map(java.time.Instant::toEpochMilli)
                .orElseThrow(() -> new IllegalArgumentException(value));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String n : Collections.list(super.getHeaderNames())) {
            if (!replaced(n) || !own(n).isEmpty()) {
                names.add(n);
            }
        }
        for (String n : validators.names()) {
            if (names.stream().noneMatch(n::equalsIgnoreCase)) {
                names.add(n);
            }
        }
        return Collections.enumeration(new ArrayList<>(names));
    }

    @Override
    public String getScheme() {
        return refresh != null ? refresh.scheme() : super.getScheme();
    }

    @Override
    public String getServerName() {
        return refresh != null ? refresh.serverName() : super.getServerName();
    }

    @Override
    public int getServerPort() {
        return refresh != null ? refresh.serverPort() : super.getServerPort();
    }

    @Override
    public StringBuffer getRequestURL() {
        if (refresh == null) {
            return super.getRequestURL();
        }
        StringBuffer url = new StringBuffer(refresh.scheme()).append("://").append(refresh.serverName());
        boolean defaultPort = (refresh.scheme().equals("http") && refresh.serverPort() == 80)
                || (refresh.scheme().equals("https") && refresh.serverPort() == 443);
        if (!defaultPort) {
            url.append(':').append(refresh.serverPort());
        }
        return url.append(getRequestURI());
    }

    @Override
    public AsyncContext startAsync() {
        return startAsync(this, response);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse res) {
        AsyncContext started = super.startAsync(request, res);
        if (asyncEnd != null) {
            started.addListener(asyncEnd);
        }
        async = new CompletingAsyncContext(started, response);
        asyncStarts.incrementAndGet();
        return async;
    }

    @Override
    public AsyncContext getAsyncContext() {
        return async != null ? async : super.getAsyncContext();
    }
}
