package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;

/**
 * health → registry on {@code canopy.health.v1}, keyed by feed: collect the window again because
 * the feed recovered from an unhealthy episode; once per episode.
 *
 * @param window {@code [start of the episode, as-of)}
 */
public record BackfillRequested(
        UUID backfillId,
        UUID dealerId,
        UUID accountId,
        UUID feedId,
        UUID serverId,
        DateWindow window,
        LocalDate asOf,
        Instant requestedAt) implements CanopyEvent {

    @Override
    public UUID eventId() {
        return backfillId;
    }

    @Override
    public String partitionKey() {
        return feedId.toString();
    }
}
