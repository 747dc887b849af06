package io.canopy.collector.domain;

import java.time.LocalDate;

/** One feed-day of volumes from an aggregate vendor. */
public record DayAggregate(LocalDate day, long smallPages, long largePages, long duplexSheets, int deviceCount,
        LocalDate lastAuditDate) {

    public boolean isEmpty() {
        return smallPages == 0 && largePages == 0 && duplexSheets == 0;
    }
}
