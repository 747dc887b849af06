package io.canopy.metering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Continuing a device from a checkpoint (its state after the readings up to some day) gives exactly
 * what computing it from all its readings gives, whatever resets, rollovers, gaps and activation
 * date the series has — the condition under which the store may skip reading the whole history.
 */
class DeviceHistoryTest {

    @Property(tries = 500)
    void continuingFromACheckpointEqualsComputingFromEveryReading(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 100) int splitPercent, @ForAll boolean withActivation) {
        MeterSeries series = MeterSeries.generate(seed);
        ZoneId zone = series.zone();
        Random random = new Random(seed);
        for (MeterSeries.GeneratedDevice device : series.devices()) {
            List<CounterReading> readings = device.readings().stream()
                    .sorted(Comparator.comparing(CounterReading::time)).toList();
            TreeSet<LocalDate> days = new TreeSet<>();
            readings.forEach(r -> days.add(r.time().atZone(zone).toLocalDate()));
            List<LocalDate> ordered = new ArrayList<>(days);
            LocalDate checkpointDay = ordered.get(Math.min(ordered.size() - 1, ordered.size() * splitPercent / 100));
            // The activation date the state was computed with, on or before the checkpoint's day.
            LocalDate activation = withActivation
                    ? ordered.get(0).plusDays(random.nextInt((int) (checkpointDay.toEpochDay() - ordered.get(0).toEpochDay()) + 1))
                    : null;

            List<CounterReading> upTo = readings.stream()
                    .filter(r -> !r.time().atZone(zone).toLocalDate().isAfter(checkpointDay)).toList();
            DeviceUsage all = DeviceMeter.compute(readings, zone, activation, MeteringRules.standard());
            DeviceUsage state = DeviceMeter.compute(upTo, zone, activation, MeteringRules.standard());
            CounterReading last = upTo.get(upTo.size() - 1);
            List<CounterReading> fromCheckpoint = readings.stream().filter(r -> !r.time().isBefore(last.time())).toList();
            DeviceUsage continued = DeviceHistory.continuing(new DeviceHistory.Checkpoint(state.initial(),
                    state.lifeCount(), state.segments(), state.rollovers()), fromCheckpoint)
                    .compute(zone, activation, MeteringRules.standard());

            assertThat(continued.initial()).isEqualTo(all.initial());
            assertThat(continued.latest()).isEqualTo(all.latest());
            assertThat(continued.lastReadingTime()).isEqualTo(all.lastReadingTime());
            assertThat(continued.lifeCount()).isEqualTo(all.lifeCount());
            assertThat(continued.segments()).isEqualTo(all.segments());
            assertThat(continued.rollovers()).isEqualTo(all.rollovers());
            assertThat(continued.days()).as("the days after the checkpoint")
                    .isEqualTo(all.days().stream().filter(d -> d.day().isAfter(checkpointDay)).toList());
            assertThat(state.days()).as("the stored days up to the checkpoint do not change")
                    .isEqualTo(all.days().stream().filter(d -> !d.day().isAfter(checkpointDay)).toList());
            assertThat(continued.steps()).as("steps, with segments counted over the whole life")
                    .isEqualTo(all.steps().stream().filter(s -> s.toDay().isAfter(checkpointDay)).toList());
            assertThat(continued.held()).isEqualTo(all.held().stream().filter(h -> h.toDay().isAfter(checkpointDay)).toList());
            assertThat(DeviceHistory.continuing(new DeviceHistory.Checkpoint(state.initial(), state.lifeCount(),
                    state.segments(), state.rollovers()), fromCheckpoint).continuesAfter(zone)).isEqualTo(checkpointDay);
        }
    }

    @Property(tries = 100)
    void aCompleteHistoryIsTheDeviceMeterItself(@ForAll long seed) {
        MeterSeries series = MeterSeries.generate(seed);
        for (MeterSeries.GeneratedDevice device : series.devices()) {
            assertThat(DeviceHistory.complete(device.readings()).compute(series.zone(), null, MeteringRules.standard()))
                    .isEqualTo(DeviceMeter.compute(device.readings(), series.zone(), MeteringRules.standard()));
        }
    }
}
