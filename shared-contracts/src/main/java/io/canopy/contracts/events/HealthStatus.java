package io.canopy.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code health_check} value of servers and feeds (PrintReleaf's API shape). */
public enum HealthStatus {
    @JsonProperty("healthy")
    HEALTHY,
    @JsonProperty("unhealthy")
    UNHEALTHY
}
