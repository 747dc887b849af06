package io.canopy.metering.domain;

import java.time.Instant;

/**
 * One stored meter reading of a device: its counters at {@code time} (UTC).
 *
 * @param source which vendor counter the values came from (MeterSnapshot.counterSource), or null
 *               when not known; shown in explanations, never part of the arithmetic
 */
public record CounterReading(Instant time, Counters counters, String source) {

    public CounterReading(Instant time, Counters counters) {
        this(time, counters, null);
    }

    public static CounterReading of(Instant time, long small, long large) {
        return new CounterReading(time, Counters.of(small, large));
    }
}
