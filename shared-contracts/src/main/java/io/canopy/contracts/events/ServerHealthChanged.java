package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.identity.DeterministicIds;

/**
 * health → registry on {@code canopy.health.v1}, keyed by server: registry pauses the server's
 * feeds while it is unhealthy and schedules server checks until one passes.
 *
 * @param reason what made it unhealthy (absent when healthy)
 * @param detail the vendor's reason in words
 */
public record ServerHealthChanged(
        UUID dealerId,
        UUID serverId,
        HealthStatus status,
        @Nullable FailureKind reason,
        @Nullable String detail,
        LocalDate asOf,
        Instant changedAt) implements CanopyEvent {

    @Override
    public UUID eventId() {
        return DeterministicIds.derived("server-health", serverId, status, reason, asOf);
    }

    @Override
    public String partitionKey() {
        return serverId.toString();
    }
}
