package io.gatecache.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the responses of a JAX-RS resource method (or of every GET method of a resource class)
 * cacheable: the annotation becomes the response's {@code Cache-Control} (and {@code Vary}) unless
 * the method sets a Cache-Control itself. A method's annotation replaces its class's.
 *
 * <p>Every use is checked when the application deploys; a wrong one fails the deployment with a
 * message naming the class, the method and the fix.
 *
 * <pre>
 * &#64;GET &#64;Path("{id}")
 * &#64;Cached(maxAge = 60, sMaxAge = 600, staleWhileRevalidate = 30, vary = "Accept-Language")
 * public Article get(&#64;PathParam("id") long id) { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Cached {

    /** Not set: the directive is left out. */
    long UNSET = -1;

    /** {@code max-age} in seconds, for every cache (browsers too). */
    long maxAge() default UNSET;

    /**
     * {@code s-maxage} in seconds, for shared caches only (this one, Varnish, CDNs); it also lets
     * them share responses to requests with credentials or cookies. Not with {@link Visibility#PRIVATE}.
     */
    long sMaxAge() default UNSET;

    /** {@code stale-while-revalidate} in seconds (RFC 5861). */
    long staleWhileRevalidate() default UNSET;

    /** {@code stale-if-error} in seconds (RFC 5861). */
    long staleIfError() default UNSET;

    /** Request header fields the response varies on; added to {@code Vary}. {@code *} is refused. */
    String[] vary() default {};

    /**
     * Who may store the response. {@link Visibility#AUTO} (the default) says neither: shared caches
     * store it, except for requests that carry credentials or cookies
     * ({@code gatecache.private-headers}), unless {@link #sMaxAge()} is set.
     */
    Visibility visibility() default Visibility.AUTO;

    /** {@code must-revalidate}: once stale, never served without a successful validation. */
    boolean mustRevalidate() default false;

    /**
     * Whether the response varies on the user's context hash ({@code Vary: X-User-Hash}): users
     * with the same rights (the same roles, and whatever the application's
     * {@link UserContextProvider}s add) share one stored response, anonymous visitors another.
     * The cache works the hash out for every request; the field never reaches the client.
     */
    boolean userContext() default false;

    /** Who may store the response. */
    enum Visibility {
        /** Neither {@code public} nor {@code private}: shared, but not for requests with credentials or cookies. */
        AUTO,
        /** {@code public}: shared caches store it even for requests with credentials or cookies. */
        PUBLIC,
        /** {@code private}: only the user's own browser may store it. */
        PRIVATE
    }
}
