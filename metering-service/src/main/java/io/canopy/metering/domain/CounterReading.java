package io.canopy.metering.domain;

import java.time.Instant;

/** One stored meter reading of a device: its counters at {@code time} (UTC). */
public record CounterReading(Instant time, Counters counters) {

    public static CounterReading of(Instant time, long small, long large) {
        return new CounterReading(time, Counters.of(small, large));
    }
}
