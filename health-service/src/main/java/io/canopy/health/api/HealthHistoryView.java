package io.canopy.health.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.events.HealthStatus;
import io.canopy.health.persistence.HistoryEntry;

/**
 * One entry of a feed's health history: a published change ({@code change = status}) or a backfill
 * requested on recovery ({@code change = backfill}, with its window {@code [from, to)}).
 */
public record HealthHistoryView(String change, HealthStatus healthCheck, String reason, LocalDate asOf,
        LocalDate lastNewDataDate, LocalDate episodeStart, UUID backfillId, Window backfillWindow, Instant recordedAt) {

    public record Window(LocalDate from, LocalDate to) {
    }

    static HealthHistoryView of(HistoryEntry e) {
        return new HealthHistoryView(e.change().name().toLowerCase(), e.status(),
                e.reason() == null ? null : e.reason().name().toLowerCase(), e.asOf(), e.lastNewDataDay(), e.episodeStart(),
                e.backfillId(), e.windowFrom() == null ? null : new Window(e.windowFrom(), e.windowTo()), e.recordedAt());
    }
}
