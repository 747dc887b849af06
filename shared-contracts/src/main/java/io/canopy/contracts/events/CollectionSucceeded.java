package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAlias;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.identity.DeterministicIds;

/**
 * collector → health, registry on {@code canopy.collection.outcomes.v1}, keyed by feed.
 *
 * @param newestReadingTime newest device reading seen (vendors that report reading times): the freshness signal
 * @param newestDataDate    the newest day the vendor had data for, for vendors that report days rather than
 *                          reading times: the newest day of the window with volume, or a later day the vendor
 *                          says it holds data for (absent when neither is known). Replaces the vendor-specific
 *                          {@code lastAuditDate}; a body that still carries that name is read into this field
 * @param nonEmptyDays      days of the window with non-zero aggregate volume
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
        @Nullable @JsonAlias("lastAuditDate") LocalDate newestDataDate,
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
