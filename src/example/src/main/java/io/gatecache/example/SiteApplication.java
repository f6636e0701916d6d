package io.gatecache.example;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The content site, under /site. Like {@link ExampleApplication} it lists no classes, so JAX-RS
 * publishes every resource and provider of the WAR in both (a page of one is also reachable under
 * the other's path). It declares the site's roles ({@link SiteUsers}), which the cache reads to
 * work out a user's context.
 */
@ApplicationPath("/site")
@DeclareRoles({"reader", "editor"})
public class SiteApplication extends Application {
}
