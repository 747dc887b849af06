package io.canopy.contracts.events;

import java.time.LocalDate;
import java.util.UUID;

/**
 * collector → metering on {@code canopy.meter.readings.v1}, keyed by feed: one feed-day of volumes
 * from an aggregate vendor (OneStop, Printanista). A repeat for the same feed-day replaces the
 * earlier computation; it is never added to it.
 *
 * @param lastAuditDate Printanista's freshness signal (absent for OneStop)
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
        @Nullable LocalDate lastAuditDate,
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
