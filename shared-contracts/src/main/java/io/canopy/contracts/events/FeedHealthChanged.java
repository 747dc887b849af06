package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.identity.DeterministicIds;

/**
 * health → registry on {@code canopy.health.v1}, keyed by feed: published only when the state
 * really changes.
 *
 * @param reason          why unhealthy (absent when healthy)
 * @param lastNewDataDate the last business day that brought new data
 */
public record FeedHealthChanged(
        UUID dealerId,
        UUID accountId,
        UUID feedId,
        UUID serverId,
        HealthStatus status,
        @Nullable FeedHealthReason reason,
        @Nullable LocalDate lastNewDataDate,
        LocalDate asOf,
        Instant changedAt) implements CanopyEvent {

    @Override
    public UUID eventId() {
        return DeterministicIds.derived("feed-health", feedId, status, reason, asOf);
    }

    @Override
    public String partitionKey() {
        return feedId.toString();
    }
}
