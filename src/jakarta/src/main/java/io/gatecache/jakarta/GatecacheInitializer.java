package io.gatecache.jakarta;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Registers {@link GatecacheFilter} in front of every path of the application (and so in front of
 * JAX-RS) when the application starts. {@code gatecache.servlet-filter=false} leaves it out; the
 * JAX-RS filters then do its work alone, without request coalescing.
 */
public class GatecacheInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        boolean wanted = ConfigProvider.getConfig().getOptionalValue("gatecache.servlet-filter", Boolean.class)
                .orElse(true);
        if (!wanted) {
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter("gatecache", GatecacheFilter.class);
        if (filter != null) {
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
    }
}
