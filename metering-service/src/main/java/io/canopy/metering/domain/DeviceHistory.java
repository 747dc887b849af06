package io.canopy.metering.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The readings a device's usage is computed from: all of them, or — when its stored state can be
 * continued — only its last closing reading and what came after it, together with what the state
 * says about the steps before. A nightly run then reads a day of a device, not its whole life.
 *
 * <p>A continuation gives exactly what {@link DeviceMeter} gives for all readings, because the
 * computation is a walk over closing readings where each step depends only on the two closing
 * readings it joins: the steps up to the checkpoint's day are those already stored, the steps after
 * it are computed here. The store may offer a continuation only when that holds: every reading after
 * the checkpoint lies on a later business day (in the same zone), and the activation date (the same
 * one the state was computed with) is on or before the checkpoint's day, so no baseline moves.
 * {@code DeviceHistoryTest} checks the equality over generated meter series.
 *
 * @param readings   every usable reading, or for a continuation the checkpoint's reading first and
 *                   every reading after it
 * @param checkpoint null for all readings
 */
public record DeviceHistory(List<CounterReading> readings, Checkpoint checkpoint) {

    /**
     * What the stored state says about the device's steps up to its last closing reading.
     *
     * @param initial   the device's first counted reading (its baseline)
     * @param lifeCount impressions counted up to the checkpoint
     * @param segments  1 + resets up to the checkpoint
     * @param rollovers rollovers up to the checkpoint
     */
    public record Checkpoint(Counters initial, long lifeCount, int segments, int rollovers) {
    }

    public DeviceHistory {
        readings = List.copyOf(readings);
    }

    public static DeviceHistory complete(List<CounterReading> readings) {
        return new DeviceHistory(readings, null);
    }

    public static DeviceHistory continuing(Checkpoint checkpoint, List<CounterReading> fromCheckpoint) {
        return new DeviceHistory(fromCheckpoint, checkpoint);
    }

    public boolean isEmpty() {
        return readings.isEmpty();
    }

    /** The last day whose steps this history does not compute (the checkpoint's day), or null for all readings. */
    public LocalDate continuesAfter(ZoneId zone) {
        if (checkpoint == null || readings.isEmpty()) {
            return null;
        }
        return readings.stream().map(CounterReading::time).min(java.util.Comparator.naturalOrder()).orElseThrow()
                .atZone(zone).toLocalDate();
    }

    /**
     * The device's usage: for a continuation, the counts cover its whole life and {@code days},
     * {@code held} and {@code steps} only the days after the checkpoint (the earlier ones are stored
     * and do not change).
     */
    public DeviceUsage compute(ZoneId zone, LocalDate activation, MeteringRules rules) {
        DeviceUsage after = DeviceMeter.compute(readings, zone, activation, rules);
        if (checkpoint == null) {
            return after;
        }
        int earlierResets = checkpoint.segments() - 1;
        List<DeviceStep> steps = after.steps().stream().map(s -> new DeviceStep(s.from(), s.fromDay(), s.to(), s.toDay(),
                s.kind(), s.rolloverModulus(), s.segment() + earlierResets, s.volume(), s.shares())).toList();
        return new DeviceUsage(checkpoint.initial(), after.latest(), after.lastReadingTime(),
                Math.addExact(checkpoint.lifeCount(), after.lifeCount()), checkpoint.segments() + after.segments() - 1,
                checkpoint.rollovers() + after.rollovers(), after.days(), after.held(), steps);
    }
}
