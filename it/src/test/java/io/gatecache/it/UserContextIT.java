package io.gatecache.it;

import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.CacheMBean;
import io.gatecache.it.app.UserContextResource;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The context-aware cache on the example site, over real HTTP: pages shared by users with the
 * same roles (readers one, editors another, anonymous visitors a third), never mixed, the hash
 * never shown, refused from a client, worked out once per session, forgotten on a role change
 * and a logout; and the lookup a Varnish in front makes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserContextIT extends ArquillianHttpCase {

    private static final String EDIT = "Edit this page";
    private static final String MEMBERS = "Members area";

    @Deployment(testable = false)
    static WebArchive site() {
        return Deployments.example("contexts.war", "gatecache.purge.trusted-addresses=127.0.0.0/8,::1\n",
                UserContextResource.class, CacheMBean.class);
    }

    private URI root;

    @BeforeEach
    void root() {
        root = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    }

    private SiteUser anonymous() {
        return new SiteUser(root);
    }

    private SiteUser loggedIn(String name) {
        return new SiteUser(root).login(name);
    }

    private long lookups() {
        return Long.parseLong(http.get("api/user-contexts/lookups").body().trim());
    }

    /** Neither the hash field nor its name in Vary reaches the client. */
    private static void hashHidden(HttpResponse<String> r) {
        assertTrue(r.headers().firstValue("X-User-Hash").isEmpty(), () -> "X-User-Hash shown: " + r.headers());
        for (String vary : r.headers().allValues("Vary")) {
            assertFalse(vary.toLowerCase(java.util.Locale.ROOT).contains("x-user-hash"), vary);
        }
    }

    /** What a page shows: {@code editor}, {@code reader} or {@code anonymous}. */
    private static String shows(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r::body);
        hashHidden(r);
        boolean edit = r.body().contains(EDIT);
        boolean members = r.body().contains(MEMBERS);
        assertFalse(edit && members, "one or the other");
        return edit ? "editor" : members ? "reader" : "anonymous";
    }

    @Test
    @Order(1)
    @Tag("MUST")
    void anonymousVisitorsShareOnePageAndNoHashIsWorkedOut() {
        long before = lookups();
        HttpResponse<String> miss = anonymous().get("site/location/20");
        assertEquals("MISS", xCache(miss));
        assertEquals("anonymous", shows(miss));
        HttpResponse<String> hit = anonymous().get("site/location/20");
        assertEquals("HIT", xCache(hit));
        assertEquals("anonymous", shows(hit));
        assertEquals(before, lookups(), "no hash worked out for an anonymous visitor");
    }

    @Test
    @Order(2)
    @Tag("MUST")
    void readersShareOnePageEditorsAnotherAndEachSessionIsWorkedOutOnce() {
        long before = lookups();
        SiteUser reader1 = loggedIn("reader1");
        HttpResponse<String> miss = reader1.get("site/location/20");
        assertEquals("MISS", xCache(miss));
        assertEquals("reader", shows(miss));
        assertEquals("HIT", xCache(reader1.get("site/location/20")));

        SiteUser reader2 = loggedIn("reader2");
        HttpResponse<String> shared = reader2.get("site/location/20");
        assertEquals("HIT", xCache(shared), "reader2 gets the entry reader1's request stored");
        assertEquals("reader", shows(shared));
        assertEquals(miss.body(), shared.body());

        SiteUser editor = loggedIn("editor");
        HttpResponse<String> edited = editor.get("site/location/20");
        assertEquals("MISS", xCache(edited));
        assertEquals("editor", shows(edited));
        HttpResponse<String> editedAgain = editor.get("site/location/20");
        assertEquals("HIT", xCache(editedAgain));
        assertEquals("editor", shows(editedAgain));

        HttpResponse<String> anon = anonymous().get("site/location/20");
        assertEquals("HIT", xCache(anon));
        assertEquals("anonymous", shows(anon), "a visitor never gets a reader's page");
        assertEquals("reader", shows(reader1.get("site/location/20")), "a reader never gets the editor's page");
        assertEquals(before + 3, lookups(), "one hash worked out per session");
    }

    @Test
    @Order(3)
    @Tag("MUST")
    void twoHundredRequestsOfMixedUsersInParallelEachGetTheirOwnPage() throws Exception {
        List<SiteUser> users = List.of(anonymous(), loggedIn("reader1"), new SiteUser(root).basic("reader2"),
                loggedIn("editor"), new SiteUser(root).basic("editor"), anonymous());
        List<String> expected = List.of("anonymous", "reader", "reader", "editor", "editor", "anonymous");
        List<String> pages = List.of("site/location/2", "site/location/20", "site/location/21", "site/location/22");
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int u = i % users.size();
            sent.add(users.get(u).getAsync(pages.get((i / users.size()) % pages.size())));
            wanted.add(expected.get(u));
        }
        for (int i = 0; i < sent.size(); i++) {
            HttpResponse<String> r = sent.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(wanted.get(i), shows(r), "request " + i + " (" + r.uri() + ", " + xCache(r) + ")");
        }
    }

    @Test
    @Order(4)
    @Tag("MUST")
    void aRequestCarryingTheHashIsRefused() {
        HttpResponse<String> r = anonymous().get("site/location/20", "X-User-Hash", "anything");
        assertEquals(400, r.statusCode());
        hashHidden(r);
        assertEquals(400, anonymous().get("site/location/20", "Accept", "application/vnd.fos.user-context-hash")
                .statusCode(), "the hash type is asked for at the lookup's path only");
    }

    @Test
    @Order(5)
    @Tag("MUST")
    void theLookupAnswersAsFosHttpCacheDoes() {
        String accept = "application/vnd.fos.user-context-hash";
        HttpResponse<String> r = loggedIn("reader1").get("_fos_user_context_hash", "Accept", accept);
        assertEquals(200, r.statusCode());
        String hash = r.headers().firstValue("X-User-Hash").orElse("");
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(accept, r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("max-age=600", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("Cookie, Authorization", r.headers().firstValue("Vary").orElse(""));
        assertEquals(hash, loggedIn("reader2").get("_fos_user_context_hash", "Accept", accept).headers()
                .firstValue("X-User-Hash").orElse(""), "the same roles, the same hash");
        String editor = loggedIn("editor").get("_fos_user_context_hash", "Accept", accept).headers()
                .firstValue("X-User-Hash").orElse("");
        String anon = anonymous().get("_fos_user_context_hash", "Accept", accept).headers()
                .firstValue("X-User-Hash").orElse("");
        assertNotEquals(hash, editor);
        assertNotEquals(hash, anon);
        assertNotEquals(editor, anon);
    }

    @Test
    @Order(6)
    @Tag("MUST")
    void aRoleChangeShowsOnTheUsersNextPageAndNoOneElses() {
        SiteUser reader1 = loggedIn("reader1");
        SiteUser reader2 = loggedIn("reader2");
        SiteUser editor = loggedIn("editor");
        assertEquals("reader", shows(reader1.get("site/location/21")));
        assertEquals("reader", shows(reader2.get("site/location/21")));
        assertEquals(204, editor.post("site/users/reader1/roles?add=editor", "").statusCode());
        try {
            assertEquals("editor", shows(reader1.get("site/location/21")), "reader1 is an editor now");
            assertEquals("reader", shows(reader2.get("site/location/21")));
        } finally {
            assertEquals(204, editor.post("site/users/reader1/roles?remove=editor", "").statusCode());
        }
        assertEquals("reader", shows(reader1.get("site/location/21")), "and a reader again");
        assertEquals(403, reader2.post("site/users/reader2/roles?add=editor", "").statusCode(),
                "only an editor changes roles");
    }

    @Test
    @Order(7)
    @Tag("MUST")
    void afterLogoutTheSameClientGetsTheAnonymousPage() {
        SiteUser reader1 = loggedIn("reader1");
        assertEquals("reader", shows(reader1.get("site/location/20")));
        int status = reader1.post("site/logout", "").statusCode();
        assertTrue(status == 303 || status == 204, "logout: " + status);
        assertEquals("anonymous", shows(reader1.get("site/location/20")));
    }
}
