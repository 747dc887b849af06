package io.canopy.health.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.HealthStatus;

/** A row of {@code server_health}: the server's health as last published. */
public record StoredServer(UUID serverId, UUID dealerId, HealthStatus status, FailureKind reason, String detail,
        LocalDate since, Instant checkedAt, Instant changedAt) {
}
