package io.canopy.collector.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Everything one collection read, after scope filtering and defensive parsing. */
public record CollectedWindow(List<DeviceReading> readings, List<DayAggregate> aggregates, int devices,
        Map<String, Integer> droppedValues) {

    public static CollectedWindow ofReadings(List<DeviceReading> readings, int devices, DroppedValues dropped) {
        return new CollectedWindow(List.copyOf(readings), List.of(), devices, dropped.asMap());
    }

    public static CollectedWindow ofAggregates(List<DayAggregate> aggregates, DroppedValues dropped) {
        int devices = aggregates.stream().mapToInt(DayAggregate::deviceCount).max().orElse(0);
        return new CollectedWindow(List.of(), List.copyOf(aggregates), devices, dropped.asMap());
    }

    /** Freshness signal of vendors that report reading times. */
    public Instant newestReadingTime() {
        return readings.stream().map(DeviceReading::readingTime).max(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * Freshness signal of vendors that report days: the newest day any report of the window shows
     * data for (a day with volume, or a later day the vendor says it holds data for).
     */
    public LocalDate newestDataDate() {
        return aggregates.stream().map(DayAggregate::newestDataDate).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    /** Days of the window with volume. */
    public int nonEmptyDays() {
        return (int) aggregates.stream().filter(a -> !a.isEmpty()).count();
    }
}
