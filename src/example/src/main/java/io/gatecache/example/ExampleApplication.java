package io.gatecache.example;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The example site's JAX-RS application, under /api. */
@ApplicationPath("/api")
public class ExampleApplication extends Application {
}
