/**
 * What the API needs of the cache implementation, and the implementation provides: an
 * application does not use these types. The API finds its implementation with
 * {@link java.util.ServiceLoader}, so that it depends on nothing but the Jakarta APIs.
 */
package io.gatecache.api.spi;
