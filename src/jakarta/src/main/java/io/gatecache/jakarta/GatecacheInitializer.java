package io.gatecache.jakarta;

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
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the application's cache as the application starts, so a bad configuration or store
 * fails the deployment rather than a request, and stops it (store and management bean included)
 * when the application stops. Registers {@link GatecacheFilter} in front of every path, and so
 * in front of JAX-RS, unless {@code gatecache.servlet-filter=false}: the JAX-RS filters then do
 * its work alone, without request coalescing.
 */
public class GatecacheInitializer implements ServletContainerInitializer {

    /** The servlet of gateway mode. */
    static final String GATEWAY_SERVLET = "gatecache-gateway";
    /** JAX-RS servlets that take an Application class as init parameter: Jersey (Payara), RESTEasy (WildFly). */
    private static final String[] JAXRS_SERVLETS = {"org.glassfish.jersey.servlet.ServletContainer",
        "org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher"};

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
            Object gateway = context.getAttribute(Gateway.ATTRIBUTE);
            if (gateway instanceof Gateway g) {
                g.close();
            }
            engine.stop();
            throw e;
        }
    }

    /** Gateway mode: the catch-all JAX-RS application, mapped to the gateway prefix. */
    private static Gateway startGateway(ServletContext context, Settings settings) {
        Gateway gateway = new Gateway(settings.gatewayOrigin(), settings.gatewayPrefix(),
                settings.gatewayConnectTimeoutMillis(), settings.gatewayTimeoutMillis(), settings.gatewayMaxBodyBytes());
        String servlet = null;
        for (String candidate : JAXRS_SERVLETS) {
            try {
                Class.forName(candidate, false, GatecacheInitializer.class.getClassLoader());
                servlet = candidate;
                break;
            } catch (ClassNotFoundException | LinkageError e) {
                // not this runtime
            }
        }
        if (servlet == null) {
            gateway.close();
            throw new IllegalStateException("Gatecache: gateway mode needs Jersey or RESTEasy; neither is visible");
        }
        ServletRegistration.Dynamic s = context.addServlet(GATEWAY_SERVLET, servlet);
        s.setInitParameter("jakarta.ws.rs.Application", GatewayApplication.class.getName());
        if (!gateway.mapping().equals("/*")) {
            s.setInitParameter("resteasy.servlet.mapping.prefix", gateway.mapping().substring(0,
                    gateway.mapping().length() - 2));
        }
        s.setLoadOnStartup(1);
        s.setAsyncSupported(true);
        s.addMapping(gateway.mapping());
        context.setAttribute(Gateway.ATTRIBUTE, gateway);
        java.util.logging.Logger.getLogger(GatecacheInitializer.class.getName()).info(() -> "Gatecache gateway: "
                + gateway.mapping() + " -> " + settings.gatewayOrigin());
        return gateway;
    }

    private static void start(ServletContext context, Settings settings, CacheEngine engine) {
        context.setAttribute(CacheEngine.ATTRIBUTE, engine);
        Gateway gateway = settings.gatewayOrigin() == null ? null : startGateway(context, settings);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                event.getServletContext().removeAttribute(CacheEngine.ATTRIBUTE);
                if (gateway != null) {
                    event.getServletContext().removeAttribute(Gateway.ATTRIBUTE);
                    gateway.close();
                }
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
