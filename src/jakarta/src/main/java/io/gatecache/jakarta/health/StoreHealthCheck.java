package io.gatecache.jakarta.health;

import io.gatecache.jakarta.servlet.GatecacheRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The store's health as MicroProfile Health shows it, on servers that offer it
 * ({@code /health/ready}): {@code gatecache-store} is up while the store answers and down while
 * its operations fail (requests then go to the application, without the cache), with the
 * number of entries and of failures.
 */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {

    private volatile GatecacheRuntime runtime;

    /** Takes the application's cache once the application has started (its web module's context). */
    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        runtime = (GatecacheRuntime) context.getAttribute(GatecacheRuntime.ATTRIBUTE);
    }

    @Override
    public HealthCheckResponse call() {
        GatecacheRuntime runtime = this.runtime;
        if (runtime == null) {
            return HealthCheckResponse.named("gatecache-store").up().withData("enabled", false).build();
        }
        return HealthCheckResponse.named("gatecache-store").status(runtime.store().healthy())
                .withData("entries", runtime.store().size()).withData("failures", runtime.store().failures()).build();
    }
}
