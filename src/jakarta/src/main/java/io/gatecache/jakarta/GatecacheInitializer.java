package io.gatecache.jakarta;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the application's cache as the application starts, so a bad configuration or store
 * fails the deployment rather than a request, and stops it (store and management bean included)
 * when the application stops. Registers {@link GatecacheFilter} in front of every path, and so
 * in front of JAX-RS, unless {@code gatecache.servlet-filter=false}: the JAX-RS filters then do
 * its work alone, without request coalescing.
 */
public class GatecacheInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        Settings settings = Settings.from(ConfigProvider.getConfig());
        if (!settings.enabled()) {
            return;
        }
        CacheEngine engine = new CacheEngine(settings, Clock.systemUTC(), context.getContextPath());
        try {
            start(context, settings, engine);
        } catch (RuntimeException e) {
            engine.stop();
            throw e;
        }
    }

    private static void start(ServletContext context, Settings settings, CacheEngine engine) {
        context.setAttribute(CacheEngine.ATTRIBUTE, engine);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                event.getServletContext().removeAttribute(CacheEngine.ATTRIBUTE);
                engine.stop();
            }
        });
        if (settings.servletFilter()) {
            FilterRegistration.Dynamic filter = context.addFilter("gatecache", GatecacheFilter.class);
            if (filter != null) {
                filter.setAsyncSupported(true);
                // after the application's own filters (security, CORS...), so a hit does not skip them
                filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
            }
        }
    }
}
