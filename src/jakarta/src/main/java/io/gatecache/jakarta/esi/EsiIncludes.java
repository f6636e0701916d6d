package io.gatecache.jakarta.esi;

import io.gatecache.api.Esi;
import io.gatecache.core.esi.IncludePaths;
import io.gatecache.engine.EsiAnnounce;
import io.gatecache.jakarta.servlet.GatecacheFilter;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The {@link Esi} helper of the request being served. */
@RequestScoped
public class EsiIncludes implements Esi {

    /** The request attribute that says the response holds ESI includes (the front door announces it). */
    public static final String ATTRIBUTE = "io.gatecache.esi";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    HttpServletRequest request;

    @Inject
    ServletContext context;

    @Override
    public String include(String src) {
        return include(src, null, false);
    }

    @Override
    public String include(String src, String alt, boolean ignoreErrors) {
        if (GatecacheRuntime.of(context) != null || downstreamAssembles()) {
            request.setAttribute(ATTRIBUTE, Boolean.TRUE);
            StringBuilder tag = new StringBuilder("<esi:include src=\"").append(escape(src)).append('"');
            if (alt != null) {
                tag.append(" alt=\"").append(escape(alt)).append('"');
            }
            if (ignoreErrors) {
                tag.append(" onerror=\"continue\"");
            }
            return tag.append("/>").toString();
        }
        String inline = fetch(src);
        if (inline == null && alt != null) {
            inline = fetch(alt);
        }
        if (inline == null) {
            if (ignoreErrors) {
                return "";
            }
            throw new IllegalStateException("the fragment " + src + " could not be included");
        }
        return inline;
    }

    private boolean downstreamAssembles() {
        return EsiAnnounce.downstreamAssembles(request::getHeader);
    }

    /**
     * Whether the request is a fragment request this cache made. A resource that asks is one that
     * refuses the others: its response is stored as a fragment only the cache's includes are
     * answered with, so a client asking for its URL reaches the resource.
     */
    @Override
    public boolean isFragmentRequest() {
        boolean fragment = Boolean.TRUE.equals(request.getAttribute(GatecacheFilter.FRAGMENT_ATTRIBUTE));
        if (fragment) {
            io.gatecache.jakarta.tags.RequestTags.add(request, java.util.List.of(io.gatecache.core.tags.Tags.FRAGMENT_ONLY));
        }
        return fragment;
    }

    /** A fragment of this application, fetched now from this server; null when it fails. */
    private String fetch(String src) {
        URI base = GatecacheFilter.loopback(request);
        if (base == null) {
            return null;
        }
        try {
            String path = IncludePaths.key(request.getRequestURI(), src, request.getContextPath());
            if (path == null) {
                return null; // another host, or outside this application
            }
            URI url = URI.create(base + path); // appended, never resolved
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return r.statusCode() < 400 ? r.body() : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;");
    }
}
