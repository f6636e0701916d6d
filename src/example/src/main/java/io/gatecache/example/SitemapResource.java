package io.gatecache.example;

import io.gatecache.api.Cached;
import io.gatecache.api.ResponseTagger;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree's structure: location ids nested under their parents, without titles, hidden
 * locations (and so their subtrees) left out. Tagged {@code sitemap} only: {@link SitemapClearing}
 * clears it on changes of the tree.
 */
@Path("sitemap")
@RequestScoped
public class SitemapResource {

    @Inject
    Site site;

    @Inject
    ResponseTagger tagger;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Cached(sMaxAge = 3600, staleWhileRevalidate = 30)
    public String sitemap() {
        tagger.addTags(SitemapClearing.TAG);
        Map<Long, List<Location>> children = new LinkedHashMap<>();
        List<Location> roots = new ArrayList<>();
        for (Location l : site.locations()) {
            if (l.parentLocationId() == 0) {
                roots.add(l);
            } else {
                children.computeIfAbsent(l.parentLocationId(), p -> new ArrayList<>()).add(l);
            }
        }
        StringBuilder html = new StringBuilder(Html.head("Sitemap")).append("<h1>Sitemap</h1>");
        list(html, roots, children);
        return html.append(Html.FOOT).toString();
    }

    private static void list(StringBuilder html, List<Location> locations, Map<Long, List<Location>> children) {
        List<Location> shown = locations.stream().filter(l -> !l.isHidden()).toList();
        if (shown.isEmpty()) {
            return;
        }
        html.append("<ul>");
        for (Location l : shown) {
            html.append("<li><a href=\"location/").append(l.getId()).append("\">").append(l.getId()).append("</a>");
            list(html, children.getOrDefault(l.getId(), List.of()), children);
            html.append("</li>");
        }
        html.append("</ul>");
    }
}
