package io.gatecache.jakarta;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the application's cache with the application (so a bad configuration or store fails the
 * deployment, not a request) and stops it, store and management bean included, on undeploy.
 */
@ApplicationScoped
public class Lifecycle {

    private CacheEngine engine;

    void start(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        engine = new CacheEngine(Settings.from(ConfigProvider.getConfig()), Clock.systemUTC(),
                context.getContextPath());
        context.setAttribute(CacheEngine.ATTRIBUTE, engine);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) ServletContext context) {
        context.removeAttribute(CacheEngine.ATTRIBUTE);
        if (engine != null) {
            engine.stop();
            engine = null;
        }
    }
}
