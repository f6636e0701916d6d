/**
 * The content model, as the cache needs to know it for tagging and for smart clearing: entities
 * implement {@link io.gatecache.api.content.ContentItem}, {@link io.gatecache.api.content.ContentLocation},
 * {@link io.gatecache.api.content.ContentRelation} or {@link io.gatecache.api.content.ContentType},
 * and the application provides one CDI bean implementing {@link io.gatecache.api.content.ContentModel}
 * to look content up by id. An entity that implements none of them is still tagged and cleared,
 * by its type and id.
 */
package io.gatecache.api.content;
