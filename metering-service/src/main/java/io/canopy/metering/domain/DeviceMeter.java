package io.canopy.metering.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.canopy.contracts.arithmetic.StandardPages;

/**
 * Daily volumes of one device from its lifetime counters (DESIGN.md "Domain arithmetic"): a pure
 * function of the readings, so a replay, a late read slotted in or a backfill simply computes
 * again and the ledger deposits the difference.
 *
 * <ul>
 * <li>The business day of a reading is its date in the feed's zone; the last reading of a day is
 * that day's closing counter (several reads a day: the last one wins).</li>
 * <li>The first closing counter is the baseline: the device was not ours before it. With a feed
 * activation date, the baseline is the device's last reading before the activation day (earlier
 * readings take no part), so the activation day's own pages count; a device with no earlier reading
 * starts at its first one.</li>
 * <li>Delta for day D = closing counter of D − closing counter of the previous day with a reading;
 * when days were missed in between, the delta is spread over them in whole pages.</li>
 * <li>A counter that goes down wrapped (rollover) when it was within one plausible step of a
 * counter width (10^7, 2^31, 2^32); otherwise it was reset: a new segment that counts from zero,
 * never a negative delta.</li>
 * <li>A step above the plausible limit is held for review instead of deposited.</li>
 * <li>Days before the activation date get no volume: a step from a baseline several days before it
 * is spread over its days as usual, and only the shares of days on or after the activation date
 * count.</li>
 * </ul>
 */
public final class DeviceMeter {

    private DeviceMeter() {
    }

    /** Every reading counts from the device's first one (a feed without an activation date). */
    public static DeviceUsage compute(List<CounterReading> readings, ZoneId zone, MeteringRules rules) {
        return compute(readings, zone, null, rules);
    }

    /**
     * @param activation the feed's activation date (its own pages count), or null when every
     *                   reading counts from the device's first one
     */
    public static DeviceUsage compute(List<CounterReading> readings, ZoneId zone, LocalDate activation,
            MeteringRules rules) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("a device has at least one reading");
        }
        List<CounterReading> ordered = readings.stream().sorted(Comparator.comparing(CounterReading::time)).toList();
        TreeMap<LocalDate, CounterReading> closing = new TreeMap<>();
        for (CounterReading reading : ordered) {
            closing.put(reading.time().atZone(zone).toLocalDate(), reading); // a later read of the day wins
        }
        if (activation != null) {
            // The baseline is the last reading before the activation day; anything earlier is not ours.
            LocalDate baselineDay = closing.lowerKey(activation);
            LocalDate firstKept = baselineDay != null ? baselineDay : activation;
            closing.headMap(firstKept, false).clear();
            CounterReading baseline = baselineDay == null ? null : closing.get(baselineDay);
            ordered = ordered.stream().filter(r -> r == baseline || !r.time().atZone(zone).toLocalDate()
                    .isBefore(activation)).toList();
            if (ordered.isEmpty()) {
                throw new IllegalStateException("a baseline day always keeps its closing reading");
            }
        }

        TreeMap<LocalDate, Volume> days = new TreeMap<>();
        List<HeldJump> held = new ArrayList<>();
        long lifeCount = 0;
        int segments = 1;
        int rollovers = 0;
        Map.Entry<LocalDate, CounterReading> previous = null;
        for (Map.Entry<LocalDate, CounterReading> current : closing.entrySet()) {
            if (previous == null) {
                previous = current;
                continue;
            }
            long elapsedDays = ChronoUnit.DAYS.between(previous.getKey(), current.getKey());
            Step step = step(previous.getValue().counters(), current.getValue().counters(), elapsedDays, rules);
            long limit = rules.plausibleLimit(elapsedDays);
            if (step.pagesEquivalent() > limit) {
                held.add(new HeldJump(previous.getValue().time(), current.getValue().time(), previous.getKey(),
                        current.getKey(), step.pagesEquivalent(), limit, step.reset()));
                segments += step.reset() ? 1 : 0;
            } else {
                segments += step.reset() ? 1 : 0;
                rollovers += step.rollover() ? 1 : 0;
                lifeCount += spread(step.volume(), previous.getKey(), (int) elapsedDays, activation, days);
            }
            previous = current;
        }
        List<DeviceDay> perDay = days.entrySet().stream().map(e -> new DeviceDay(e.getKey(), e.getValue())).toList();
        CounterReading first = ordered.get(0);
        CounterReading last = ordered.get(ordered.size() - 1);
        return new DeviceUsage(first.counters(), last.counters(), last.time(), lifeCount, segments, rollovers, perDay,
                held);
    }

    private record Step(Volume volume, boolean reset, boolean rollover, long pagesEquivalent) {
    }

    private static Step step(Counters before, Counters after, long elapsedDays, MeteringRules rules) {
        long limit = rules.plausibleLimit(elapsedDays);
        Long small = forward(before.small(), after.small(), limit, rules);
        Long large = forward(before.large(), after.large(), limit, rules);
        boolean areaDropped = before.area() != null && after.area() != null && after.area() < before.area();
        boolean reset = small == null || large == null || areaDropped;
        Volume volume;
        boolean rollover = false;
        if (reset) {
            // The counter restarted at zero (board or device replaced): everything it shows is new.
            volume = new Volume(after.small(), after.large(), after.area() == null ? 0 : after.area());
        } else {
            rollover = small != after.small() - before.small() || large != after.large() - before.large();
            long area = before.area() == null || after.area() == null ? 0 : after.area() - before.area();
            volume = new Volume(small, large, area);
        }
        return new Step(volume, reset, rollover, pagesEquivalent(volume));
    }

    /**
     * Forward movement of one counter: the plain difference, or the wrapped difference when the
     * counter went down from within one plausible step of a counter width; null when it went down
     * any other way (a reset).
     */
    private static Long forward(long before, long after, long limit, MeteringRules rules) {
        if (after >= before) {
            return after - before;
        }
        for (long modulus : rules.rolloverModuli()) {
            if (modulus > before) {
                long wrapped = modulus - before + after;
                return wrapped <= limit ? wrapped : null;
            }
        }
        return null;
    }

    private static long pagesEquivalent(Volume volume) {
        BigDecimal area = volume.areaHundredthsMm2() == 0 ? BigDecimal.ZERO
                : StandardPages.fromArea(volume.areaHundredthsMm2());
        return Math.addExact(volume.impressions(), area.setScale(0, RoundingMode.CEILING).longValueExact());
    }

    /**
     * The step's volume over the days after {@code base} up to and including the reading's day; the
     * shares of days before the activation date (when there is one) are dropped.
     *
     * @return the impressions counted
     */
    private static long spread(Volume volume, LocalDate base, int elapsedDays, LocalDate activation,
            TreeMap<LocalDate, Volume> days) {
        long[] small = LargestRemainder.evenly(volume.small(), elapsedDays);
        long[] large = LargestRemainder.evenly(volume.large(), elapsedDays);
        long[] area = LargestRemainder.evenly(volume.areaHundredthsMm2(), elapsedDays);
        long counted = 0;
        for (int i = 0; i < elapsedDays; i++) {
            LocalDate day = base.plusDays(i + 1L);
            if (activation != null && day.isBefore(activation)) {
                continue;
            }
            days.merge(day, new Volume(small[i], large[i], area[i]), Volume::plus);
            counted += small[i] + large[i];
        }
        return counted;
    }
}
