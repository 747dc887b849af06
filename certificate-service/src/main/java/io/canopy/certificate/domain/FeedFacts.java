package io.canopy.certificate.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What certificate knows of one feed of an account, from collection outcomes and health events.
 *
 * @param collectedTo       every business day before it has been collected (null: nothing yet)
 * @param lastOutcomeAsOf   as_of of its latest collection outcome, success or failure (null: none seen)
 * @param staleSince        first day without new data of an open staleness episode (null: none open)
 * @param staleUnknownStart an open staleness episode of a feed that never had data (touches every month)
 * @param backfillFrom      start of a backfill requested at the end of an episode and not yet collected
 */
public record FeedFacts(UUID feedId, LocalDate collectedTo, LocalDate lastOutcomeAsOf, LocalDate staleSince,
        boolean staleUnknownStart, LocalDate backfillFrom, LocalDate backfillTo) {
}
