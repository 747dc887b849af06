package io.canopy.health.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.health.domain.FeedKey;
import io.canopy.health.domain.FeedVerdict;

/** A row of {@code feed_health}. */
public record StoredFeed(FeedKey key, String timeZone, FeedVerdict published, LocalDate since, LocalDate evaluatedAsOf,
        Instant lastNewDataAt, LocalDate lastNewDataDay, int consecutiveFailures, LocalDate episodeStart,
        Instant checkedAt, Instant changedAt) {

    public UUID feedId() {
        return key.feedId();
    }
}
