package io.canopy.metering.domain;

import java.time.ZoneId;
import java.util.UUID;

import io.canopy.contracts.arithmetic.PaperBasis;

/**
 * Whose feed it is and how its days and pages are counted.
 *
 * @param accountName the account's display name, carried on deposits for documents (null when no
 *                    producer has told it yet)
 */
public record FeedContext(UUID feedId, UUID dealerId, UUID accountId, ZoneId zone, PaperBasis basis,
        String accountName) {

    public FeedContext(UUID feedId, UUID dealerId, UUID accountId, ZoneId zone, PaperBasis basis) {
        this(feedId, dealerId, accountId, zone, basis, null);
    }
}
