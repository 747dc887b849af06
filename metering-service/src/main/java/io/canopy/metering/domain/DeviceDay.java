package io.canopy.metering.domain;

import java.time.LocalDate;

/** One device's volume on one business day of its feed. */
public record DeviceDay(LocalDate day, Volume volume) {
}
