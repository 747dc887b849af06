package io.canopy.collector.domain;

import java.time.LocalDate;

/**
 * One feed-day of volumes from an aggregate vendor.
 *
 * @param statedDataDate the newest day the vendor itself says it holds data for, when it says one
 *                       (e.g. Printanista's lastAuditDate); null otherwise
 */
public record DayAggregate(LocalDate day, long smallPages, long largePages, long duplexSheets, int deviceCount,
        LocalDate statedDataDate) {

    public boolean isEmpty() {
        return smallPages == 0 && largePages == 0 && duplexSheets == 0;
    }

    /**
     * The newest day this report shows the vendor had data for: its own day when it has volume, or
     * the vendor's stated date when that is later. Null when neither (an empty day, no stated date).
     */
    public LocalDate newestDataDate() {
        LocalDate withVolume = isEmpty() ? null : day;
        if (statedDataDate == null) {
            return withVolume;
        }
        return withVolume == null || statedDataDate.isAfter(withVolume) ? statedDataDate : withVolume;
    }
}
