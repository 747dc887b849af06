package io.canopy.health.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;

/** A row of {@code feed_health_history}: a published change, or a backfill requested. */
public record HistoryEntry(long position, UUID feedId, Change change, HealthStatus status, FeedHealthReason reason,
        LocalDate asOf, LocalDate lastNewDataDay, LocalDate episodeStart, UUID backfillId, LocalDate windowFrom,
        LocalDate windowTo, Instant recordedAt) {

    public enum Change {
        STATUS,
        BACKFILL
    }
}
