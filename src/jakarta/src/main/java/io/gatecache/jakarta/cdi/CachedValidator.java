package io.gatecache.jakarta.cdi;

import io.gatecache.api.Cached;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployment-time rules for {@link Cached}. One message per mistake, each naming the class,
 * the method (where there is one) and the fix.
 */
public final class CachedValidator {

    private CachedValidator() {
    }

    /** Problems with a class-level annotation. */
    public static List<String> validate(Class<?> type, Cached cached) {
        List<String> errors = new ArrayList<>();
        check(errors, "@Cached on class " + type.getName(), cached);
        return errors;
    }

    /** Problems with a method-level annotation. */
    public static List<String> validate(Method method, Cached cached) {
        String where = "@Cached on " + method.getDeclaringClass().getName() + "#" + method.getName() + "()";
        List<String> errors = new ArrayList<>();
        check(errors, where, cached);
        String httpMethod = httpMethod(method);
        if (httpMethod == null) {
            errors.add(where + ": the method is not a JAX-RS resource method; annotate it with @GET, "
                    + "or move @Cached to a @GET method");
        } else if (!httpMethod.equals("GET")) {
            errors.add(where + ": only GET responses are cached, but the method is @" + httpMethod
                    + "; remove @Cached (unsafe methods invalidate the cache instead)");
        }
        return errors;
    }

    private static void check(List<String> errors, String where, Cached c) {
        negative(errors, where, "maxAge", c.maxAge());
        negative(errors, where, "sMaxAge", c.sMaxAge());
        negative(errors, where, "staleWhileRevalidate", c.staleWhileRevalidate());
        negative(errors, where, "staleIfError", c.staleIfError());
        if (c.visibility() == Cached.Visibility.AUTO && c.maxAge() == Cached.UNSET && c.sMaxAge() == Cached.UNSET
                && !c.mustRevalidate()) {
            errors.add(where + ": sets no freshness; give maxAge and/or sMaxAge in seconds "
                    + "(or visibility = PUBLIC to rely on gatecache.default-ttl)");
        }
        if (c.visibility() == Cached.Visibility.PRIVATE && c.sMaxAge() != Cached.UNSET) {
            errors.add(where + ": sMaxAge=" + c.sMaxAge() + " applies to shared caches, which never store a "
                    + "private response; remove sMaxAge or use visibility = PUBLIC");
        }
        for (String field : c.vary()) {
            if (field.trim().equals("*")) {
                errors.add(where + ": vary = \"*\" makes every response unusable from a cache; "
                        + "name the request header fields the response depends on instead");
            } else if (!isToken(field.trim())) {
                errors.add(where + ": vary = \"" + field + "\" is not a header field name; "
                        + "use names like \"Accept-Language\"");
            }
        }
    }

    private static void negative(List<String> errors, String where, String name, long value) {
        if (value < 0 && value != Cached.UNSET) {
            errors.add(where + ": " + name + "=" + value + " is negative; use a number of seconds >= 0, "
                    + "or leave it out");
        }
    }

    /** RFC 9110 §5.6.2 token. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(ch) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The JAX-RS HTTP method designator on a method (GET, POST, ... or a custom one), or null. */
    public static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            jakarta.ws.rs.HttpMethod hm = a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
            if (hm != null) {
                return hm.value();
            }
        }
        return null;
    }

    /** The Cache-Control value an annotation stands for. */
    public static String cacheControl(Cached c) {
        java.util.StringJoiner cc = new java.util.StringJoiner(", ");
        switch (c.visibility()) {
            case PUBLIC -> cc.add("public");
            case PRIVATE -> cc.add("private");
            default -> {
                // neither: the private-headers rule decides for requests with credentials
            }
        }
        directive(cc, "max-age", c.maxAge());
        directive(cc, "s-maxage", c.sMaxAge());
        directive(cc, "stale-while-revalidate", c.staleWhileRevalidate());
        directive(cc, "stale-if-error", c.staleIfError());
        if (c.mustRevalidate()) {
            cc.add("must-revalidate");
        }
        return cc.toString();
    }

    private static void directive(java.util.StringJoiner cc, String name, long value) {
        if (value != Cached.UNSET) {
            cc.add(name + '=' + value);
        }
    }
}
