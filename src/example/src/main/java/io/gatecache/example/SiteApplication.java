package io.gatecache.example;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The content site, under /site. Like {@link ExampleApplication} it lists no classes, so JAX-RS
 * publishes every resource and provider of the WAR in both (a page of one is also reachable under
 * the other's path).
 */
@ApplicationPath("/site")
public class SiteApplication extends Application {
}
