package io.canopy.health.domain;

import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;

/** A feed's health: healthy, or unhealthy for one reason (the most fundamental one applies). */
public record FeedVerdict(HealthStatus status, FeedHealthReason reason) {

    public static final FeedVerdict HEALTHY = new FeedVerdict(HealthStatus.HEALTHY, null);

    public FeedVerdict {
        if (status == HealthStatus.HEALTHY && reason != null) {
            throw new IllegalArgumentException("a healthy feed has no reason");
        }
        if (status == HealthStatus.UNHEALTHY && reason == null) {
            throw new IllegalArgumentException("an unhealthy feed needs a reason");
        }
    }

    public static FeedVerdict unhealthy(FeedHealthReason reason) {
        return new FeedVerdict(HealthStatus.UNHEALTHY, reason);
    }

    public boolean healthy() {
        return status == HealthStatus.HEALTHY;
    }
}
