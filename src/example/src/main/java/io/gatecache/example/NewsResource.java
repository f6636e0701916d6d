package io.gatecache.example;

import io.gatecache.api.Cached;
import io.gatecache.api.Esi;
import io.gatecache.api.ResponseTagger;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The news page, assembled from ESI fragments of different TTLs: the page (its list of news) is
 * cached ten minutes, the ticker five seconds, the sidebar of related content an hour and until
 * what it shows changes. Each fragment is cached on its own; the page stays a hit while the
 * ticker is fetched again every five seconds.
 */
@Path("")
@RequestScoped
public class NewsResource {

    @Inject
    Site site;

    @Inject
    Esi esi;

    @Inject
    ResponseTagger tagger;

    /** The news: the children of location 20, a ticker, and the sidebar of location 24's relations. */
    @GET
    @Path("news")
    @Produces(MediaType.TEXT_HTML)
    @Cached(sMaxAge = 600)
    public String news() {
        Site.LocationPage news = site.page(20);
        tagger.location(news.location());
        StringBuilder html = new StringBuilder(Html.head("News")).append("<h1>News</h1>")
                .append("<p>Built at ").append(now()).append("</p>")
                .append(esi.include("fragments/ticker"))
                .append("<ul class=\"news\">");
        for (Location child : news.children()) {
            html.append("<li>").append(Html.escape(child.getContent().getTitle())).append("</li>");
        }
        html.append("</ul>");
        // the archived article that relates to the news: its sidebar, left out if it fails
        html.append(esi.include("fragments/related/24", null, true));
        return html.append(Html.FOOT).toString();
    }

    /** The ticker: the time, fresh for five seconds. */
    @GET
    @Path("fragments/ticker")
    @Produces(MediaType.TEXT_HTML)
    @Cached(sMaxAge = 5)
    public String ticker() {
        tagger.addTags("ticker");
        return "<p class=\"ticker\">Ticker at " + now() + "</p>";
    }

    /** A sidebar of the content that relates to a location's content, cleared when it changes. */
    @GET
    @Path("fragments/related/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Cached(sMaxAge = 3600)
    public String related(@PathParam("id") long id) {
        Site.LocationPage page = site.page(id);
        tagger.location(page.location());
        StringBuilder html = new StringBuilder("<aside class=\"sidebar\"><h2>Related to ")
                .append(Html.escape(page.content().getTitle())).append("</h2><ul>");
        for (Site.Related r : page.related()) {
            tagger.relation(r.content().contentId(), r.locationIds());
            html.append("<li>").append(Html.escape(r.content().getTitle())).append("</li>");
        }
        return html.append("</ul><p>Sidebar built at ").append(now()).append("</p></aside>").toString();
    }

    private static String now() {
        return LocalTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    }
}
