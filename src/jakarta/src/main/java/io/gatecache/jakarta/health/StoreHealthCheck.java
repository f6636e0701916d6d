package io.gatecache.jakarta.health;

import io.gatecache.jakarta.servlet.GatecacheRuntime;
import io.gatecache.spi.StoreStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The store's health as MicroProfile Health shows it, on servers that offer it
 * ({@code /health/ready}): {@code gatecache-store} is up while every cache of the application
 * answers and, on a cluster, is in step with the view ({@code settled}: no state moving between
 * the nodes, every purge recorded elsewhere in force here), down while one is not (asked at each
 * probe, so it comes back up by itself). The
 * checks run outside the web context, so they find the caches through
 * {@link GatecacheRuntime#running()}. A store that is down does not stop the application from
 * answering (requests go to it without the cache); a load balancer that reads readiness takes
 * the instance out meanwhile.
 */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("gatecache-store").up();
        Map<String, GatecacheRuntime> running = GatecacheRuntime.running();
        b.withData("caches", running.size());
        for (Map.Entry<String, GatecacheRuntime> e : running.entrySet()) {
            String context = e.getKey().isEmpty() ? "/" : e.getKey();
            StoreStatus store = e.getValue().store();
            boolean healthy = store.healthy();
            boolean settled = store.membership().settled();
            b.withData(context + " healthy", healthy).withData(context + " failures", store.failures())
                    .withData(context + " settled", settled);
            if (!healthy || !settled) {
                b.down();
            }
        }
        return b.build();
    }
}
