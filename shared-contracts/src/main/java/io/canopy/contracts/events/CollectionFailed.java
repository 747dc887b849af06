package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.identity.DeterministicIds;

/**
 * collector → health, registry on {@code canopy.collection.outcomes.v1}, keyed by feed: the
 * request failed; registry keeps the feed's watermark so the next night covers the gap.
 *
 * @param reason the vendor's reason in words (never a credential, never a full URL with secrets)
 * @param timeZone   the account's IANA zone from the request (business days are dates there);
 *                   optional, added compatibly: absent on events of older producers
 */
public record CollectionFailed(
        UUID requestId,
        UUID dealerId,
        UUID accountId,
        UUID feedId,
        UUID serverId,
        VendorType vendor,
        DateWindow window,
        CollectionPurpose purpose,
        LocalDate asOf,
        FailureKind kind,
        String reason,
        @Nullable Integer httpStatus,
        int attempts,
        Instant failedAt,
        @Nullable String timeZone) implements CanopyEvent {

    @Override
    public UUID eventId() {
        return DeterministicIds.derived("collection-outcome", requestId);
    }

    @Override
    public String partitionKey() {
        return feedId.toString();
    }
}
