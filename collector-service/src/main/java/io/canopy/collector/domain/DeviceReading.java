package io.canopy.collector.domain;

import java.time.Instant;

/**
 * One device's lifetime counters at one moment, reduced to what Canopy keeps (id, managed flag,
 * counters): every other vendor field is dropped here (data minimisation).
 */
public record DeviceReading(String deviceId, boolean managed, Instant readingTime, long smallCount, long largeCount,
        Long areaHundredthsMm2, String counterSource) {
}
