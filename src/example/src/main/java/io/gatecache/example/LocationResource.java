package io.gatecache.example;

import io.gatecache.api.Cached;
import io.gatecache.api.ResponseTagger;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * A location's page, cached for an hour (one copy per user context: editors, readers, anonymous
 * visitors) and cleared by tag when what it shows changes; and the edits of the tree: move, hide,
 * unhide.
 */
@Path("location")
@RequestScoped
public class LocationResource {

    @Inject
    Site site;

    @Inject
    ResponseTagger tagger;

    /**
     * The content at the location, its visible children's titles, a box per related content; for
     * an editor an "Edit this page" line, for a reader who is not an editor a "Members area" line.
     * Tagged as the location's page, and with each related content's relation tags; it varies on
     * the user's context.
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Cached(sMaxAge = 3600, staleWhileRevalidate = 30, userContext = true)
    public String page(@PathParam("id") long id, @Context SecurityContext security) {
        Site.LocationPage page = site.page(id);
        tagger.location(page.location());
        for (Site.Related r : page.related()) {
            tagger.relation(r.content().contentId(), r.locationIds());
        }
        return render(page, security.isUserInRole("editor") ? "<p class=\"edit\">Edit this page</p>"
                : security.isUserInRole("reader") ? "<p class=\"members\">Members area</p>" : "");
    }

    private static String render(Site.LocationPage page, String userLine) {
        Content c = page.content();
        StringBuilder html = new StringBuilder(Html.head(c.getTitle()))
                .append("<h1>").append(Html.escape(c.getTitle())).append("</h1>").append(userLine)
                .append("<p class=\"type\">").append(Html.escape(c.getType().getName())).append("</p>")
                .append("<div class=\"body\">").append(Html.escape(c.getBody() == null ? "" : c.getBody()))
                .append("</div>");
        if (!page.children().isEmpty()) {
            html.append("<h2>Children</h2><ul class=\"children\">");
            for (Location child : page.children()) {
                html.append("<li><a href=\"").append(child.getId()).append("\">")
                        .append(Html.escape(child.getContent().getTitle())).append("</a></li>");
            }
            html.append("</ul>");
        }
        for (Site.Related r : page.related()) {
            html.append("<aside class=\"related\"><h2>Related</h2><p>");
            String title = Html.escape(r.content().getTitle());
            html.append(r.link() > 0 ? "<a href=\"" + r.link() + "\">" + title + "</a>" : title);
            html.append("</p></aside>");
        }
        return html.append(Html.FOOT).toString();
    }

    @POST
    @Path("{id}/move")
    @Produces(MediaType.TEXT_PLAIN)
    public Response move(@PathParam("id") long id, @QueryParam("parent") Long parent) {
        if (parent == null) {
            throw new SiteException(400, "a move needs ?parent=<location id>");
        }
        site.move(id, parent);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/hide")
    @Produces(MediaType.TEXT_PLAIN)
    public Response hide(@PathParam("id") long id) {
        site.hide(id, true);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/unhide")
    @Produces(MediaType.TEXT_PLAIN)
    public Response unhide(@PathParam("id") long id) {
        site.hide(id, false);
        return Response.noContent().build();
    }
}
