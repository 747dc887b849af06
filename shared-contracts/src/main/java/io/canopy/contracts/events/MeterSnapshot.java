package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * collector → metering on {@code canopy.meter.readings.v1}, keyed by feed: one device's lifetime
 * counters at one moment (meter vendors). Only id, managed flag and counters are kept (DESIGN.md
 * rule 9, data minimisation).
 *
 * @param smallCount        lifetime small-format impressions
 * @param largeCount        lifetime large-format (A3/tabloid) impressions
 * @param areaHundredthsMm2 lifetime wide-format paper area, where the vendor reports one
 * @param counterSource     which vendor counter the values came from (kept fixed per device)
 */
public record MeterSnapshot(
        UUID snapshotId,
        UUID requestId,
        UUID dealerId,
        UUID accountId,
        UUID feedId,
        UUID serverId,
        VendorType vendor,
        String deviceId,
        boolean managed,
        Instant readingTime,
        long smallCount,
        long largeCount,
        @Nullable Long areaHundredthsMm2,
        String counterSource,
        LocalDate asOf) implements CanopyEvent {

    @Override
    public UUID eventId() {
        return snapshotId;
    }

    @Override
    public String partitionKey() {
        return feedId.toString();
    }
}
