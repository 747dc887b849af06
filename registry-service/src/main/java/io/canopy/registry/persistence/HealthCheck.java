package io.canopy.registry.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import io.canopy.contracts.events.HealthStatus;

/**
 * The health of a server or a feed as the API shows it (DESIGN.md "Health": {@code health_check},
 * {@code health_check_checked_at}, {@code health_check_changed_at}, plus the reason), kept in the same
 * columns of both tables: one definition of the columns and of how a change is applied.
 */
@Embeddable
public class HealthCheck {

    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";

    /** {@link #HEALTHY} or {@link #UNHEALTHY}. */
    @Column(name = "health_check", nullable = false)
    public String status;

    @Column(name = "health_check_checked_at")
    public Instant checkedAt;

    @Column(name = "health_check_changed_at")
    public Instant changedAt;

    /** Why it is unhealthy, lower-case (e.g. {@code auth_rejected}, {@code stale_data}); null when healthy. */
    @Column(name = "health_reason")
    public String reason;

    /** Healthy and never checked: a new feed. */
    public static HealthCheck healthy() {
        HealthCheck health = new HealthCheck();
        health.status = HEALTHY;
        return health;
    }

    /** Healthy as of a check that just passed: a server whose credentials the vendor just accepted. */
    public static HealthCheck passedAt(Instant at) {
        HealthCheck health = healthy();
        health.checkedAt = at;
        health.changedAt = at;
        return health;
    }

    public boolean isHealthy() {
        return HEALTHY.equals(status);
    }

    /** A change dated before the one applied last arrived late, and must not undo the newer one. */
    public boolean isOlderThanLastChange(Instant changedAt) {
        return this.changedAt != null && changedAt.isBefore(this.changedAt);
    }

    /** Applies a change of status (and its reason) that happened at {@code at}. */
    public void change(HealthStatus to, String reason, Instant at) {
        status = to == HealthStatus.HEALTHY ? HEALTHY : UNHEALTHY;
        changedAt = at;
        this.reason = reason;
    }
}
