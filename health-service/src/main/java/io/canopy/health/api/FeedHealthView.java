package io.canopy.health.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.events.HealthStatus;
import io.canopy.health.persistence.StoredFeed;

/**
 * A feed's health, PrintReleaf style.
 *
 * @param reason               {@code stale_data}, {@code collection_failing} or {@code server_unhealthy} while unhealthy
 * @param since                business date (as_of) the current status and reason began
 * @param lastNewDataAt        how far the newest data reaches (a reading time, or the end of a day)
 * @param lastNewDataDate      the last day that had new data, in the account's zone
 * @param episodeStart         first day without new data of the current unhealthy episode
 * @param evaluatedAsOf        the business date of the latest evaluation
 */
public record FeedHealthView(UUID feedId, UUID accountId, UUID serverId, HealthStatus healthCheck, String reason,
        LocalDate since, Instant lastNewDataAt, LocalDate lastNewDataDate, int consecutiveFailures, LocalDate episodeStart,
        String timeZone, LocalDate evaluatedAsOf, Instant healthCheckCheckedAt, Instant healthCheckChangedAt) {

    static FeedHealthView of(StoredFeed f) {
        return new FeedHealthView(f.feedId(), f.key().accountId(), f.key().serverId(), f.published().status(),
                f.published().reason() == null ? null : f.published().reason().name().toLowerCase(), f.since(),
                f.lastNewDataAt(), f.lastNewDataDay(), f.consecutiveFailures(), f.episodeStart(), f.timeZone(),
                f.evaluatedAsOf(), f.checkedAt(), f.changedAt());
    }
}
