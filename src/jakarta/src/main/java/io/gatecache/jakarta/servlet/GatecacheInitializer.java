package io.gatecache.jakarta.servlet;

import io.gatecache.engine.BackgroundRefresher;
import io.gatecache.engine.CacheEngine;
import io.gatecache.jakarta.context.ContextProviders;
import io.gatecache.jakarta.context.DeclaredRoles;
import io.gatecache.jakarta.context.SessionContexts;
import io.gatecache.engine.GatewayRoute;
import io.gatecache.engine.OriginClient;
import io.gatecache.engine.Settings;
import io.gatecache.engine.Stores;
import io.gatecache.jakarta.config.ConfigReader;
import io.gatecache.jakarta.gateway.GatewayServlet;
import io.gatecache.jakarta.jmx.Management;
import io.gatecache.jakarta.metrics.GatecacheMetrics;
import io.gatecache.jakarta.metrics.MetricsServlet;
import io.gatecache.spi.ResponseStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the application's cache as the application starts, so a bad configuration or store
 * fails the deployment rather than a request, and stops it (store, origin client and management
 * bean included) when the application stops. Registers {@link FramingFilter} before every other
 * filter, {@link GatecacheFilter}, the one front door, after the application's own, in gateway
 * mode the {@link GatewayServlet} on the gateway prefix, and the listener that forgets a session's
 * user context hash when it ends. The container hands it the application's classes that declare
 * roles ({@code @DeclareRoles}): with those of {@code web.xml}, they make up a user's context.
 */
@jakarta.servlet.annotation.HandlesTypes(jakarta.annotation.security.DeclareRoles.class)
public class GatecacheInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(GatecacheInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        Settings settings = ConfigReader.read(ConfigProvider.getConfig());
        if (!settings.enabled()) {
            return;
        }
        GatewayRoute route = settings.gateway().route();
        Clock clock = Clock.systemUTC();
        ResponseStore store = Stores.start(settings, clock, context.getClassLoader());
        OriginClient client = null;
        Management management = null;
        CacheEngine engine = null;
        try {
            client = new OriginClient(settings.gateway().connectTimeoutMillis(), settings.gateway().timeoutMillis(),
                    settings.gateway().maxBodyBytes(), settings.gateway().stripFields());
            engine = new CacheEngine(settings, store, clock, context.getContextPath(), client);
            GatecacheRuntime runtime = new GatecacheRuntime(engine, store, client,
                    new BackgroundRefresher(client, store, settings.refreshTimeoutMillis(), engine.statistics()), route,
                    new ContextProviders(DeclaredRoles.of(classes == null ? Set.of() : classes, context,
                            settings.userContext().roles())));
            management = Management.register(engine, context.getContextPath());
            // first: a path or name already taken fails the deployment before anything is started
            metrics(context, engine);
            start(context, runtime, management);
            LOG.info(() -> "Gatecache started for '" + context.getContextPath() + "' with " + settings.effective());
        } catch (RuntimeException e) {
            if (management != null) {
                management.unregister();
            }
            if (engine != null) {
                engine.close();
            }
            if (client != null) {
                client.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * Registers the metrics and their servlet at {@code gatecache.metrics.path}, unless
     * {@code gatecache.metrics.enabled=false}; the latencies stop being recorded with the application.
     */
    private static void metrics(ServletContext context, CacheEngine engine) {
        Settings.Metrics settings = engine.settings().metrics();
        if (!settings.enabled()) {
            return;
        }
        String contextPath = context.getContextPath();
        GatecacheMetrics metrics = GatecacheMetrics.start(engine,
                settings.cacheName() != null ? settings.cacheName() : contextPath.isEmpty() ? "/" : contextPath);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                metrics.stop();
            }
        });
        ServletRegistration.Dynamic servlet = context.addServlet(MetricsServlet.NAME,
                new MetricsServlet(metrics, settings.trusted()));
        if (servlet == null) {
            throw new IllegalStateException("Gatecache: the application already has a servlet named "
                    + MetricsServlet.NAME + " (gatecache.metrics.enabled=false turns the metrics off)");
        }
        java.util.Set<String> taken = servlet.addMapping(settings.path());
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Gatecache: gatecache.metrics.path " + settings.path()
                    + " is mapped to another servlet of the application; choose another path");
        }
        LOG.info(() -> "Gatecache metrics: " + contextPath + settings.path());
    }

    private static void start(ServletContext context, GatecacheRuntime runtime, Management management) {
        context.setAttribute(GatecacheRuntime.ATTRIBUTE, runtime);
        context.setAttribute(FastPath.ATTRIBUTE, new FastPath(runtime, context));
        context.setAttribute(PlainFastPath.ATTRIBUTE, new PlainFastPath(runtime, context));
        runtime.register(context.getContextPath());
        context.addListener(new SessionContexts(runtime.engine().userContexts()));
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                event.getServletContext().removeAttribute(FastPath.ATTRIBUTE);
                event.getServletContext().removeAttribute(PlainFastPath.ATTRIBUTE);
                event.getServletContext().removeAttribute(GatecacheRuntime.ATTRIBUTE);
                runtime.unregister(event.getServletContext().getContextPath());
                management.unregister();
                runtime.engine().close();
                runtime.client().close();
                runtime.store().close();
            }
        });
        if (runtime.route() != null) {
            ServletRegistration.Dynamic s = context.addServlet(GatewayServlet.NAME, GatewayServlet.class);
            s.setLoadOnStartup(1);
            s.setAsyncSupported(true);
            s.addMapping(runtime.route().mapping());
            LOG.info(() -> "Gatecache gateway: " + runtime.route().mapping() + " -> "
                    + runtime.engine().settings().gateway().origin());
        }
        FilterRegistration.Dynamic framing = context.addFilter("gatecache-framing", FramingFilter.class);
        if (framing != null) {
            framing.setAsyncSupported(true);
            // before the application's own filters: nothing sees an ambiguous request
            framing.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        FilterRegistration.Dynamic filter = context.addFilter("gatecache", GatecacheFilter.class);
        if (filter != null) {
            filter.setAsyncSupported(true);
            // after the application's own filters (security, CORS...), so a hit here does not skip
            // them (the front doors below the container, gatecache.fast-path, answer fresh hits
            // before them: the Undertow handler, Payara's valve)
            // REQUEST: the front door; ASYNC: an asynchronous response dispatched back ends through it
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), true, "/*");
        }
    }
}
