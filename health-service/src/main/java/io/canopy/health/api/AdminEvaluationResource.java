package io.canopy.health.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.canopy.health.service.HealthSweep;

/**
 * {@code POST /admin/v1/health/evaluations}: judge every feed now instead of at the next hourly
 * sweep (operators after a run of nights, the end-to-end demo). Guarded by the operator token
 * (service-kit's AdminTokenFilter). Idempotent: judging again publishes only real changes.
 */
@Path("/admin/v1/health/evaluations")
public class AdminEvaluationResource {

    /** @param feedsEvaluated how many feeds were judged */
    public record EvaluationReport(int feedsEvaluated) {
    }

    @Inject
    HealthSweep sweep;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public EvaluationReport evaluate() {
        return new EvaluationReport(sweep.sweep());
    }
}
