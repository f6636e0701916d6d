package io.gatecache.example;

import io.gatecache.api.Cached;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Date;
import java.util.stream.Collectors;

/**
 * Articles. The list shows expiration; an article shows validation: it sends an ETag and a
 * Last-Modified, and answers a conditional request with 304 through
 * {@code Request.evaluatePreconditions} before it renders anything. A PUT invalidates the article.
 */
@Path("articles")
@RequestScoped
public class ArticleResource {

    @Inject
    Articles articles;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Cached(maxAge = 10, sMaxAge = 60)
    public String list() {
        return articles.all().stream()
                .map(a -> "<li><a href=\"articles/" + a.getId() + "\">" + Html.escape(a.getTitle()) + "</a></li>")
                .collect(Collectors.joining("", Html.head("Articles") + "<ul>", "</ul>" + Html.FOOT));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Cached(sMaxAge = 30, staleWhileRevalidate = 10, staleIfError = 600)
    public Response get(@PathParam("id") long id, @Context Request request) {
        Article a = articles.find(id);
        if (a == null) {
            throw new NotFoundException();
        }
        EntityTag tag = new EntityTag(a.getId() + "-" + a.getVersion());
        Date modified = new Date(a.getModified() * 1000);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(modified, tag);
        if (notModified != null) {
            return notModified.build();
        }
        String html = Html.head(a.getTitle()) + "<h1>" + Html.escape(a.getTitle()) + "</h1><p>"
                + Html.escape(a.getBody()) + "</p>" + Html.FOOT;
        return Response.ok(html).tag(tag).lastModified(modified).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response edit(@PathParam("id") long id, String body) {
        String[] lines = body.split("\n", 2);
        Article a = articles.edit(id, lines[0], lines.length > 1 ? lines[1] : "");
        if (a == null) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }
}
