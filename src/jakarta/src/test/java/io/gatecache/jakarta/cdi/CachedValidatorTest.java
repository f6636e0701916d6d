package io.gatecache.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatecache.api.Cached;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployment-time rules for @Cached, and the Cache-Control each annotation stands for. */
class CachedValidatorTest {

    @SuppressWarnings("unused")
    static class Resource {
        @GET
        @Cached(maxAge = 60, sMaxAge = 600, staleWhileRevalidate = 30, staleIfError = 300, vary = "Accept-Language")
        public String good() {
            return "";
        }

        @GET
        @Cached(maxAge = 60)
        public String auto() {
            return "";
        }

        @GET
        @Cached(maxAge = 60, visibility = Cached.Visibility.PUBLIC, mustRevalidate = true)
        public String shared() {
            return "";
        }

        @POST
        @Cached(maxAge = -5)
        public String post() {
            return "";
        }

        @Cached(sMaxAge = 10, visibility = Cached.Visibility.PRIVATE, vary = {"*", "Bad Name"})
        public String notAResource() {
            return "";
        }

        @GET
        @Cached
        public String nothing() {
            return "";
        }
    }

    private static Method method(String name) throws NoSuchMethodException {
        return Resource.class.getMethod(name);
    }

    private static List<String> errors(String name) throws NoSuchMethodException {
        Method m = method(name);
        return CachedValidator.validate(m, m.getAnnotation(Cached.class));
    }

    @Test
    void aCorrectAnnotationHasNoErrorsAndMapsToItsDirectives() throws Exception {
        assertEquals(List.of(), errors("good"));
        assertEquals("max-age=60, s-maxage=600, stale-while-revalidate=30, stale-if-error=300",
                CachedValidator.cacheControl(method("good").getAnnotation(Cached.class)));
    }

    @Test
    void defaultVisibilityWritesNeitherPublicNorPrivate() throws Exception {
        // the private-headers rule then keeps responses to requests with cookies out of the store
        assertEquals("max-age=60", CachedValidator.cacheControl(method("auto").getAnnotation(Cached.class)));
        assertEquals("public, max-age=60, must-revalidate",
                CachedValidator.cacheControl(method("shared").getAnnotation(Cached.class)));
    }

    @Test
    void negativeValueAndUnsafeMethodAreEachReportedWithClassMethodAndFix() throws Exception {
        List<String> e = errors("post");
        String where = "@Cached on " + Resource.class.getName() + "#post()";
        assertEquals(2, e.size(), e.toString());
        assertEquals(where + ": maxAge=-5 is negative; use a number of seconds >= 0, or leave it out", e.get(0));
        assertTrue(e.get(1).startsWith(where + ": only GET responses are cached, but the method is @POST"), e.get(1));
    }

    @Test
    void privateWithSMaxAgeVaryStarBadFieldAndNoResourceMethodAreAllReported() throws Exception {
        List<String> e = errors("notAResource");
        assertEquals(4, e.size(), e.toString());
        assertTrue(e.get(0).contains("sMaxAge=10 applies to shared caches"), e.get(0));
        assertTrue(e.get(1).contains("vary = \"*\""), e.get(1));
        assertTrue(e.get(2).contains("vary = \"Bad Name\" is not a header field name"), e.get(2));
        assertTrue(e.get(3).contains("not a JAX-RS resource method"), e.get(3));
    }

    @Test
    void anAnnotationWithoutFreshnessIsRefused() throws Exception {
        List<String> e = errors("nothing");
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).contains("sets no freshness; give maxAge and/or sMaxAge"), e.get(0));
    }
}
