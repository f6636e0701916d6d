/**
 * What an application uses of Gatecache, the HTTP gateway cache for Jakarta EE: the annotations
 * that make JAX-RS responses cacheable and tagged ({@link io.gatecache.api.Cached},
 * {@link io.gatecache.api.ContentAware}), the beans it injects to tag responses, purge and include
 * ESI fragments ({@link io.gatecache.api.ResponseTagger}, {@link io.gatecache.api.CachePurger},
 * {@link io.gatecache.api.Esi}), the smart clearing after JPA writes (the entity listener
 * {@link io.gatecache.api.CacheClearListener}, the CDI event {@link io.gatecache.api.CacheClearEvent}
 * with its {@link io.gatecache.api.TagScheme}), the context-aware cache (pages shared by users
 * with the same rights: {@link io.gatecache.api.UserContextProvider},
 * {@link io.gatecache.api.UserContextChanged}), and the exceptions a purge throws.
 *
 * <p>An application compiles against this package (the {@code gatecache-api} artifact) alone, and
 * runs with the implementation ({@code gatecache-jakarta}) in its WAR. Objects the cache makes
 * (events, exceptions, the injected beans) are interfaces or have no public constructor; the
 * one event the application fires, {@link io.gatecache.api.UserContextChanged}, is a record. The
 * content model the cache reads is in {@link io.gatecache.api.content}.
 */
package io.gatecache.api;
