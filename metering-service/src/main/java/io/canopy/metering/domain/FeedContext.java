package io.canopy.metering.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import io.canopy.contracts.arithmetic.PaperBasis;

/**
 * Whose feed it is and how its days and pages are counted.
 *
 * @param accountName the account's display name, carried on deposits for documents (null when no
 *                    producer has told it yet)
 * @param activationDate the first business day whose pages count (a device's baseline is its last
 *                    reading before it; earlier days get no volume and no deposit), or null when
 *                    every reading counts (no producer has told it yet)
 */
public record FeedContext(UUID feedId, UUID dealerId, UUID accountId, ZoneId zone, PaperBasis basis,
        String accountName, LocalDate activationDate) {

    public FeedContext(UUID feedId, UUID dealerId, UUID accountId, ZoneId zone, PaperBasis basis,
            String accountName) {
        this(feedId, dealerId, accountId, zone, basis, accountName, null);
    }

    public FeedContext(UUID feedId, UUID dealerId, UUID accountId, ZoneId zone, PaperBasis basis) {
        this(feedId, dealerId, accountId, zone, basis, null, null);
    }

    /** Whether pages of this business day count (every day does without an activation date). */
    public boolean counts(LocalDate day) {
        return activationDate == null || !day.isBefore(activationDate);
    }
}
