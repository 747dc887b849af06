package io.canopy.kit.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code canopy-workers-alive} in {@code /q/health/live}: DOWN when a loop has been failing, stuck
 * or stopped for longer than {@code canopy.workers.liveness-grace}, so Kubernetes restarts a pod
 * whose loop died or hangs instead of leaving it idle forever.
 */
@Liveness
@ApplicationScoped
public class WorkersLivenessCheck implements HealthCheck {

    public static final String NAME = "canopy-workers-alive";

    @Inject
    Workers workers;

    @Override
    public HealthCheckResponse call() {
        return WorkersReadinessCheck.report(NAME, workers.deadlyProblems(), workers);
    }
}
