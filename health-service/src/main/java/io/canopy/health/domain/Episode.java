package io.canopy.health.domain;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.identity.DeterministicIds;

/**
 * One unhealthy stretch of a feed. It starts on the business day after the last day that had new
 * data (not on the day it was flagged), so a recovery collects again every day a stale agent may
 * have uploaded late.
 *
 * @param start       first business day without new data
 * @param flaggedOn   business date (as_of) it became unhealthy
 * @param reason      why it became unhealthy
 * @param recoveredOn business date it became healthy again (absent while open)
 * @param backfill    {@code [start, recoveredOn)} when it recovered through new data and the
 *                    window is not empty; absent otherwise
 */
public record Episode(LocalDate start, LocalDate flaggedOn, FeedHealthReason reason, LocalDate recoveredOn,
        DateWindow backfill) {

    public boolean open() {
        return recoveredOn == null;
    }

    public Optional<DateWindow> backfillWindow() {
        return Optional.ofNullable(backfill);
    }

    /** The idempotency key of this episode's backfill: one per feed and episode start. */
    public UUID backfillId(UUID feedId) {
        return DeterministicIds.backfill(feedId, start);
    }
}
