package io.gatecache.it;

import static io.gatecache.it.Http.xCache;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.it.app.CacheMBean;
import io.gatecache.it.app.ClearRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Smart clearing on the example content site (JPA on Hibernate 6.6), over HTTP: an edit through
 * JPA turns exactly the pages that show what changed into misses, the rest stay hits; the tags
 * each change purges are recorded by a test observer after the built-in one (Ibexa's sets, seed
 * 002) and after the site's own sitemap observer. The tests run in order: each edits the tree the
 * next one starts from.
 *
 * <pre>
 * 2 Home (52)
 * ├── 20 News (50)
 * │   ├── 22 Child (55)
 * │   └── 23 Sibling (57)
 * └── 21 Archive (51)
 *     └── 24 Related (56, relates to 55)
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContentSiteIT extends ArquillianHttpCase {

    private static final List<String> PAGES = List.of("site/location/2", "site/location/20", "site/location/21",
            "site/location/22", "site/location/23", "site/location/24", "site/sitemap");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("site.war", ClearRecorder.class, CacheMBean.class);
    }

    @BeforeEach
    void resetRecorder() {
        assertEquals(204, http.send("DELETE", "api/clears").statusCode());
    }

    private HttpResponse<String> edit(String method, String path, String body) {
        HttpRequest.Builder b = http.request(path, "Content-Type", "text/plain");
        return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Requests every page until it is a hit (a page that is not found answers 404 and stays out). */
    private void warm() {
        for (String page : PAGES) {
            if (http.get(page).statusCode() == 200) {
                assertEquals("HIT", xCache(http.get(page)), page);
            }
        }
    }

    /** Each page's X-Cache now (or its status when it is not 200). */
    private Map<String, String> states() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String page : PAGES) {
            HttpResponse<String> r = http.get(page);
            m.put(page.substring(page.lastIndexOf('/') + 1), r.statusCode() == 200 ? xCache(r) : String.valueOf(r.statusCode()));
        }
        return m;
    }

    private static Map<String, String> expect(String... pageStates) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pageStates.length; i += 2) {
            m.put(pageStates[i], pageStates[i + 1]);
        }
        return m;
    }

    private List<String> clears() {
        String body = http.get("api/clears").body();
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }

    @Test
    @Order(1)
    void publishingContent55RefreshesExactlyLocations20To24ButNot21() {
        warm();
        assertEquals(204, edit("PUT", "site/content/55", "Child v2\nA new version").statusCode());
        assertEquals(expect("2", "HIT", "20", "MISS", "21", "HIT", "22", "MISS", "23", "MISS", "24", "MISS",
                "sitemap", "HIT"), states());
        assertTrue(http.get("site/location/24").body().contains("Child v2"), "the relation box shows the new title");
        // seed 002: exactly these tags; a publish is no tree change, so the sitemap observer adds nothing
        assertEquals(List.of("PUBLISHED c55,l20,l22,pl20,pl22,r55,rl22 | c55,l20,l22,pl20,pl22,r55,rl22"), clears());
    }

    @Test
    @Order(2)
    void aRolledBackEditPurgesNothing() {
        warm();
        HttpResponse<String> failed = edit("PUT", "site/content/55?fail=true", "Child v3\nNever seen");
        assertEquals(409, failed.statusCode(), failed.body());
        assertEquals(expect("2", "HIT", "20", "HIT", "21", "HIT", "22", "HIT", "23", "HIT", "24", "HIT",
                "sitemap", "HIT"), states());
        assertEquals(List.of(), clears());
        assertTrue(http.get("site/location/22").body().contains("Child v2"));
    }

    @Test
    @Order(3)
    void addingAndRemovingARelationPurgesItsSourceAsAPublish() {
        warm();
        assertEquals(204, edit("POST", "site/content/57/relations?to=52", null).statusCode());
        assertEquals(List.of("RELATION_ADDED c57,l20,l23,pl20,pl23,r57,rl23 | c57,l20,l23,pl20,pl23,r57,rl23"),
                clears());
        assertEquals("MISS", states().get("23"), "the source's page shows the new relation");
        assertTrue(http.get("site/location/23").body().contains("Home"));
        http.send("DELETE", "api/clears");
        assertEquals(204, edit("DELETE", "site/content/57/relations/52", null).statusCode());
        assertEquals(List.of("RELATION_REMOVED c57,l20,l23,pl20,pl23,r57,rl23 | c57,l20,l23,pl20,pl23,r57,rl23"),
                clears());
    }

    @Test
    @Order(4)
    void changingAContentTypePurgesThePagesOfItsContent() {
        warm();
        assertEquals(204, edit("PUT", "site/type/2", "story").statusCode());
        assertEquals(List.of("CONTENT_TYPE_CHANGED ct2,t2 | ct2,t2"), clears());
        assertEquals(expect("2", "HIT", "20", "HIT", "21", "HIT", "22", "MISS", "23", "MISS", "24", "MISS",
                "sitemap", "HIT"), states());
    }

    @Test
    @Order(5)
    void hidingAndUnhidingALocationPurgesItsContentParentAndSubtreeAndTheSitemap() {
        warm();
        assertEquals(204, edit("POST", "site/location/23/hide", null).statusCode());
        assertEquals(List.of("HIDDEN c57,l20,l23,p23,pl20,pl23,r57,rl23 | c57,l20,l23,p23,pl20,pl23,r57,rl23,sitemap"),
                clears());
        assertEquals(expect("2", "HIT", "20", "MISS", "21", "HIT", "22", "MISS", "23", "404", "24", "HIT",
                "sitemap", "MISS"), states());
        warm();
        http.send("DELETE", "api/clears");
        assertEquals(204, edit("POST", "site/location/23/unhide", null).statusCode());
        assertEquals(List.of("UNHIDDEN c57,l20,l23,p23,pl20,pl23,r57,rl23 | c57,l20,l23,p23,pl20,pl23,r57,rl23,sitemap"),
                clears());
        assertEquals(expect("2", "HIT", "20", "MISS", "21", "HIT", "22", "MISS", "23", "MISS", "24", "HIT",
                "sitemap", "MISS"), states());
    }

    @Test
    @Order(6)
    void movingLocation22Under21RefreshesBothParentsTheirChildrenAndTheSitemap() {
        warm();
        assertEquals(204, edit("POST", "site/location/22/move?parent=21", null).statusCode());
        // seed 002: exactly these tags; the site's observer adds the sitemap's on a tree change
        assertEquals(List.of("MOVED l20,l21,p22,pl20,pl21 | l20,l21,p22,pl20,pl21,sitemap"), clears());
        assertEquals(expect("2", "HIT", "20", "MISS", "21", "MISS", "22", "MISS", "23", "MISS", "24", "MISS",
                "sitemap", "MISS"), states());
        assertTrue(http.get("site/location/21").body().contains("Child v2"), "21 lists its new child");
    }

    @Test
    @Order(7)
    void purgeForContentFromCodeAndJmxPurgesWhatAPublishWould() {
        String published = "c55,l21,l22,pl21,pl22,r55,rl22"; // 22 is under 21 now
        warm();
        assertEquals(published, http.send("POST", "api/clears/purger/55").body());
        assertEquals("MISS", states().get("22"));
        warm();
        assertEquals(published, http.send("POST", "api/clears/jmx/55").body());
        assertEquals("MISS", states().get("22"));
    }

    @Test
    @Order(8)
    void deletingContentPurgesItsLocationsParentAndSubtree() {
        warm();
        assertEquals(204, edit("DELETE", "site/content/57", null).statusCode());
        List<String> clears = clears();
        assertTrue(clears.contains("LOCATION_DELETED c57,l20,l23,p23,pl20,pl23,r57,rl23"
                + " | c57,l20,l23,p23,pl20,pl23,r57,rl23,sitemap"), clears.toString());
        assertTrue(clears.contains("DELETED c57,p23,r57 | c57,p23,r57,sitemap"), clears.toString());
        assertEquals(expect("2", "HIT", "20", "MISS", "21", "HIT", "22", "HIT", "23", "404", "24", "HIT",
                "sitemap", "MISS"), states());
    }
}
