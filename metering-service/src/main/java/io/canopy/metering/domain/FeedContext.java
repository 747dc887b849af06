package io.canopy.metering.domain;

import java.time.ZoneId;
import java.util.UUID;

import io.canopy.contracts.arithmetic.PaperBasis;

/** Whose feed it is and how its days and pages are counted. */
public record FeedContext(UUID feedId, UUID dealerId, UUID accountId, ZoneId zone, PaperBasis basis) {
}
