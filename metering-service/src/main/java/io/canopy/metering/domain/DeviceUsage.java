package io.canopy.metering.domain;

import java.time.Instant;
import java.util.List;

/**
 * Everything metering knows about one device under one feed, computed from its readings alone.
 *
 * @param initial         the first reading ever seen under this feed (a baseline, never volume)
 * @param latest          the newest reading
 * @param lifeCount       impressions counted as volume, summed over counter segments (what the
 *                        ledger is based on; held jumps are not in it)
 * @param segments        1 + the number of counter resets
 * @param days            volume per business day, ascending, for every day a counted step covers
 * @param held            steps held for review
 * @param steps           the counted steps, ascending: which readings each day's volume came from
 */
public record DeviceUsage(Counters initial, Counters latest, Instant lastReadingTime, long lifeCount, int segments,
        int rollovers, List<DeviceDay> days, List<HeldJump> held, List<DeviceStep> steps) {

    public DeviceUsage {
        days = List.copyOf(days);
        held = List.copyOf(held);
        steps = List.copyOf(steps);
    }
}
