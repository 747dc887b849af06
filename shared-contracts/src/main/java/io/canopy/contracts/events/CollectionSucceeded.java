package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.identity.DeterministicIds;

/**
 * collector → health, registry on {@code canopy.collection.outcomes.v1}, keyed by feed.
 *
 * @param newestReadingTime newest device reading seen (meter vendors): the freshness signal
 * @param lastAuditDate     Printanista's freshness signal
 * @param nonEmptyDays      days of the window with non-zero aggregate volume (OneStop freshness)
 * @param droppedValues     counter values dropped as unusable, by reason ("blank", "not_a_number", ...)
 * @param timeZone   the account's IANA zone from the request (business days are dates there);
 *                   optional, added compatibly: absent on events of older producers
 */
public record CollectionSucceeded(
        UUID requestId,
        UUID dealerId,
        UUID accountId,
        UUID feedId,
        UUID serverId,
        VendorType vendor,
        DateWindow window,
        CollectionPurpose purpose,
        LocalDate asOf,
        int snapshots,
        int aggregates,
        int devices,
        @Nullable Instant newestReadingTime,
        @Nullable LocalDate lastAuditDate,
        int nonEmptyDays,
        Map<String, Integer> droppedValues,
        Instant completedAt,
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
