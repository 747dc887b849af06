package io.canopy.kit.health;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code canopy-workers} in {@code /q/health/ready}: DOWN while a consumer or the relay is failing
 * (e.g. PostgreSQL away), stuck (work pending, no progress) or stopped, so the pod leaves the
 * Service and operators see it; UP again as soon as the loop progresses.
 */
@Readiness
@ApplicationScoped
public class WorkersReadinessCheck implements HealthCheck {

    public static final String NAME = "canopy-workers";

    @Inject
    Workers workers;

    @Override
    public HealthCheckResponse call() {
        return report(NAME, workers.problems(), workers);
    }

    static HealthCheckResponse report(String name, Map<String, String> problems, Workers workers) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).status(problems.isEmpty());
        workers.names().forEach(worker -> builder.withData(worker, problems.getOrDefault(worker, "ok")));
        return builder.build();
    }
}
