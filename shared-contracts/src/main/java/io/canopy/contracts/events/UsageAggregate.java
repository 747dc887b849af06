package io.canopy.contracts.events;

import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * collector → metering on {@code canopy.meter.readings.v1}, keyed by feed: one feed-day of volumes
 * from an aggregate vendor (OneStop, Printanista). A repeat for the same feed-day replaces the
 * earlier computation; it is never added to it.
 *
 * @param newestDataDate the newest day the vendor had data for as of this report: this day when it has
 *                       volume, or a later day the vendor says it holds data for (absent when neither);
 *                       replaces the vendor-specific {@code lastAuditDate}, still read under that name
 */
public record UsageAggregate(
        UUID aggregateId,
        UUID requestId,
        UUID dealerId,
        UUID accountId,
        UUID feedId,
        UUID serverId,
        VendorType vendor,
        LocalDate serviceDate,
        long smallPages,
        long largePages,
        long duplexSheets,
        int deviceCount,
        @Nullable @JsonAlias("lastAuditDate") LocalDate newestDataDate,
        LocalDate asOf) implements CanopyEvent {

    @Override
    public UUID eventId() {
        return aggregateId;
    }

    @Override
    public String partitionKey() {
        return feedId.toString();
    }
}
