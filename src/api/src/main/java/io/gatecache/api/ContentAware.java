package io.gatecache.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tags a JAX-RS resource method's responses (or every method of a resource class) so that purges
 * by tag reach them. Tags come from:
 * <ul>
 * <li>{@link #location()}: a path parameter holding a location id, tagged by the content scheme
 * (all-tag, {@code c ct l pl p...}), read through the application's
 * {@link io.gatecache.api.content.ContentModel};</li>
 * <li>{@link #content()}: a path parameter holding a content id ({@code c}, {@code ct}, and its
 * locations' tags when the content model knows them);</li>
 * <li>{@link #tags()}: literal tags, in which {@code {name}} stands for a path parameter's value
 * ({@code "article-{id}"});</li>
 * <li>{@link #entity()}: the returned entity, or each element of a returned collection: content,
 * a location or a relation of the content model by the scheme, any other JPA entity by its type
 * and id ({@code Article-7}), and by its type too ({@code Article}) when it is in a returned
 * collection;</li>
 * <li>and whatever the method adds through {@link ResponseTagger}.</li>
 * </ul>
 * Tags are kept with the stored response and never sent to the client (see docs/tags-and-purging.md
 * for debug mode). Checked at deployment: a path parameter named here must exist on the method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ContentAware {

    /** The path parameter holding the location shown, or empty. */
    String location() default "";

    /** The path parameter holding the content shown, or empty. */
    String content() default "";

    /** Literal tags; {@code {name}} is replaced by the value of the path parameter {@code name}. */
    String[] tags() default {};

    /** Whether the returned entity (or a returned collection's elements) is tagged too. */
    boolean entity() default true;

    /**
     * Whether the response varies on the user's context hash ({@code Vary: X-User-Hash}), as
     * {@link Cached#userContext()}: pages shared by users with the same rights.
     */
    boolean userContext() default false;
}
