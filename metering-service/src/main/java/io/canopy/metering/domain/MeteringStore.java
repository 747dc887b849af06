package io.canopy.metering.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.canopy.contracts.events.DepositRecorded;

/**
 * What {@link Metering} needs from storage, and nothing about how (the service keeps it in
 * PostgreSQL; property tests keep it in memory). All calls of one completion run in one transaction.
 */
public interface MeteringStore {

    /** Devices of the feed with a reading stored by this request. */
    Collection<DeviceKey> devicesReadBy(UUID feedId, UUID requestId);

    /** Every usable reading of the device under this feed (readings of parked requests excluded). */
    List<CounterReading> readings(UUID feedId, DeviceKey device);

    /**
     * What to compute the device from: by default all its usable readings; a store that keeps a
     * checkpoint of the device may continue from it (see {@link DeviceHistory} for when that is exact).
     */
    default DeviceHistory history(UUID feedId, DeviceKey device) {
        return DeviceHistory.complete(readings(feedId, device));
    }

    /**
     * The device's per-day volumes as last computed (empty for a new device); for a device whose
     * {@link #history} continues from a checkpoint, the days after the checkpoint's (none are stored).
     */
    Map<LocalDate, Volume> deviceDays(UUID feedId, DeviceKey device);

    /**
     * Replaces the device's state, per-day volumes and held jumps with a new computation
     * ({@code before} = what {@link #deviceDays} returned, so only changes need writing).
     *
     * @return the held jumps that were not known before (to report once, not on every replay)
     */
    List<HeldJump> saveDevice(FeedContext feed, DeviceKey device, DeviceUsage usage, Map<LocalDate, Volume> before);

    /** Per day, the volume of every device of the feed with volume on that day. */
    Map<LocalDate, Map<DeviceKey, Volume>> deviceVolumes(UUID feedId, Set<LocalDate> days);

    /** The aggregate vendor's volumes per day, where it reported any. */
    Map<LocalDate, AggregateVolume> aggregates(UUID feedId, Set<LocalDate> days);

    /** Days this request reported aggregates for. */
    Set<LocalDate> aggregateDaysOf(UUID feedId, UUID requestId);

    /** What the ledger holds per day (days without entries may be absent). */
    Map<LocalDate, LedgerDay> ledger(UUID feedId, Set<LocalDate> days);

    /**
     * Appends to the ledger, with the entry's explanation (and to the outbox, in the same
     * transaction); a repeat or a conflict writes neither.
     */
    AppendOutcome append(DepositRecorded deposit, DepositExplanation explanation);

    /** Per day, the explanation of the day's latest entry (days without a stored explanation absent). */
    Map<LocalDate, DepositExplanation> latestExplanations(UUID feedId, Set<LocalDate> days);
}
