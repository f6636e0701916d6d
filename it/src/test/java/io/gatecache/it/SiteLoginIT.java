package io.gatecache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The example site's users (its Jakarta Authentication mechanism, {@code SiteAuthentication}):
 * logging in and out with a session, HTTP Basic without one, what a location's page shows each
 * user, and role changes seen on the user's next request. Every page request has a URL of its own
 * ({@code ?t=}), so no stored page is ever answered: what the cache shares between users is
 * checked elsewhere.
 */
class SiteLoginIT extends ArquillianHttpCase {

    private static final String EDIT = "Edit this page";
    private static final String MEMBERS = "Members area";
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.example("login.war");
    }

    /** The home page, at a URL no other request of the run uses. */
    private HttpResponse<String> page(String... headers) {
        HttpResponse<String> r = http.get("site/location/2?t=" + System.nanoTime() + "-" + REQUESTS.incrementAndGet(),
                headers);
        assertEquals(200, r.statusCode(), Http.describe(r));
        return r;
    }

    private HttpResponse<String> post(String path, String form, String... headers) {
        HttpRequest.Builder b = http.request(path, headers);
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return http.send(b.POST(form == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> login(String user, String password, String... headers) {
        return post("site/login", "username=" + user + "&password=" + password, headers);
    }

    /** The JSESSIONID the response sets, as a Cookie field value; fails when it sets none. */
    private static String sessionCookie(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no JSESSIONID cookie: " + r.headers().map()));
    }

    private static boolean setsSession(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID="));
    }

    /** A session of the user's, logged in: its Cookie field value. */
    private String session(String user) {
        HttpResponse<String> r = login(user, user);
        assertEquals(303, r.statusCode(), Http.describe(r));
        return sessionCookie(r);
    }

    private static String[] basic(String user, String password) {
        byte[] credentials = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials)};
    }

    private static void shows(String expected, HttpResponse<String> page) {
        String body = page.body();
        assertEquals(expected, body.contains(EDIT) ? EDIT : body.contains(MEMBERS) ? MEMBERS : "neither", body);
        assertFalse(body.contains(EDIT) && body.contains(MEMBERS), body);
    }

    @Test
    void aReaderLogsInSeesTheMembersAreaAndLogsOut() {
        shows("neither", page());
        HttpResponse<String> in = login("reader1", "reader1");
        assertEquals(303, in.statusCode(), Http.describe(in));
        assertEquals(http.uri("site/location/2").toString(), in.headers().firstValue("Location").orElse(null));
        assertEquals("no-store", in.headers().firstValue("Cache-Control").orElse(null));
        String cookie = sessionCookie(in);
        shows(MEMBERS, page("Cookie", cookie));

        HttpResponse<String> out = post("site/logout", null, "Cookie", cookie);
        assertEquals(303, out.statusCode(), Http.describe(out));
        assertEquals(http.uri("site/location/2").toString(), out.headers().firstValue("Location").orElse(null));
        assertEquals("no-store", out.headers().firstValue("Cache-Control").orElse(null));
        shows("neither", page("Cookie", cookie));
    }

    @Test
    void aWrongPasswordIsRefusedAndALoginInASessionChangesItsId() {
        HttpResponse<String> wrong = login("reader1", "reader2");
        assertEquals(401, wrong.statusCode(), Http.describe(wrong));
        assertFalse(setsSession(wrong), "no session for a refused login");

        String reader = session("reader1");
        HttpResponse<String> again = login("editor", "editor", "Cookie", reader);
        assertEquals(303, again.statusCode(), Http.describe(again));
        String editor = sessionCookie(again);
        assertNotEquals(reader, editor, "a login in a session gives it a new id");
        shows(EDIT, page("Cookie", editor));
        shows("neither", page("Cookie", reader));
    }

    @Test
    void basicCredentialsAuthenticateTheirRequestWithoutASession() {
        HttpResponse<String> editor = page(basic("editor", "editor"));
        shows(EDIT, editor);
        assertFalse(setsSession(editor), "Basic starts no session");
        shows(MEMBERS, page(basic("reader1", "reader1")));

        HttpResponse<String> wrong = http.get("site/location/2?t=" + System.nanoTime(), basic("editor", "reader1"));
        assertEquals(401, wrong.statusCode(), Http.describe(wrong));
        assertEquals("Basic realm=\"site\"", wrong.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void onlyAnEditorChangesRolesAndTheUserSeesTheChangeOnTheNextRequest() {
        String[] editor = basic("editor", "editor");
        assertEquals(401, post("site/users/reader2/roles?add=editor", null).statusCode(), "anonymous");
        assertEquals(403, post("site/users/reader2/roles?add=editor", null, basic("reader1", "reader1")).statusCode(),
                "a reader");
        assertEquals(404, post("site/users/nobody/roles?add=editor", null, editor).statusCode(), "an unknown user");
        assertEquals(400, post("site/users/reader2/roles", null, editor).statusCode(), "neither add nor remove");

        String reader2 = session("reader2");
        shows(MEMBERS, page("Cookie", reader2));
        HttpResponse<String> add = post("site/users/reader2/roles?add=editor", null, editor);
        assertEquals(204, add.statusCode(), Http.describe(add));
        assertEquals("no-store", add.headers().firstValue("Cache-Control").orElse(null));
        shows(EDIT, page("Cookie", reader2));
        assertEquals(204, post("site/users/reader2/roles?remove=editor", null, editor).statusCode());
        shows(MEMBERS, page("Cookie", reader2));
    }
}
