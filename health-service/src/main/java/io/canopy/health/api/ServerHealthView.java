package io.canopy.health.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.events.HealthStatus;
import io.canopy.health.persistence.StoredServer;

/**
 * A server's health, PrintReleaf style ({@code health_check}, {@code health_check_checked_at},
 * {@code health_check_changed_at}).
 *
 * @param reason the failure kind while unhealthy ({@code auth_rejected}, {@code unreachable}, ...)
 * @param since  business date (as_of) of the current status
 */
public record ServerHealthView(UUID serverId, HealthStatus healthCheck, String reason, String detail, LocalDate since,
        Instant healthCheckCheckedAt, Instant healthCheckChangedAt) {

    static ServerHealthView of(StoredServer s) {
        return new ServerHealthView(s.serverId(), s.status(), s.reason() == null ? null : s.reason().name().toLowerCase(),
                s.detail(), s.since(), s.checkedAt(), s.changedAt());
    }
}
