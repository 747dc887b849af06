package io.canopy.metering.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * One counted step of a device's counter between two closing readings, as {@link DeviceMeter} used
 * it: what an explanation of a deposit shows for the device.
 *
 * @param fromDay         the business day of {@code from} (the step covers the days after it)
 * @param toDay           the business day of {@code to}
 * @param kind            how the counter moved
 * @param rolloverModulus the counter width it wrapped at (ROLLOVER only)
 * @param segment         the counter segment the step ends in (1 + resets up to and including it)
 * @param volume          what the whole step printed
 * @param shares          every day of the step and its share (largest remainder); days before the
 *                        activation date are listed but not counted
 */
public record DeviceStep(CounterReading from, LocalDate fromDay, CounterReading to, LocalDate toDay, Kind kind,
        Long rolloverModulus, int segment, Volume volume, List<Share> shares) {

    public enum Kind {
        /** The counter moved forward. */
        COUNTED,
        /** The counter wrapped at a counter width. */
        ROLLOVER,
        /** The counter went down: a new segment counting from zero. */
        RESET
    }

    /** A day's share of the step. */
    public record Share(LocalDate day, Volume volume, boolean counted) {
    }

    public DeviceStep {
        shares = List.copyOf(shares);
    }

    /** Whether the step's volume lands (partly) on this day. */
    public boolean covers(LocalDate day) {
        return day.isAfter(fromDay) && !day.isAfter(toDay);
    }
}
