package io.gatecache.jakarta.health;

import io.gatecache.jakarta.servlet.GatecacheRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The store's health as MicroProfile Health shows it, on servers that offer it
 * ({@code /health/ready}): {@code gatecache-store} is up while the store answers and down while
 * its operations fail (requests then go to the application, without the cache), with the
 * number of entries and of failures. It reports the one cache of the application (the checks run
 * outside the application's web context, so they find it through {@link GatecacheRuntime#only()}).
 */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        GatecacheRuntime runtime = GatecacheRuntime.only();
        if (runtime == null) {
            return HealthCheckResponse.named("gatecache-store").up().withData("running", false).build();
        }
        return HealthCheckResponse.named("gatecache-store").status(runtime.store().healthy())
                .withData("entries", runtime.store().size()).withData("failures", runtime.store().failures()).build();
    }
}
