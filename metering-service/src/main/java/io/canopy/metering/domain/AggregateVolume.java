package io.canopy.metering.domain;

/** One feed-day of volumes as an aggregate vendor reports it (OneStop, Printanista). */
public record AggregateVolume(long small, long large, long duplexSheets) {

    public AggregateVolume {
        if (small < 0 || large < 0 || duplexSheets < 0) {
            throw new InvalidReading("aggregate volumes must not be negative: small=" + small + ", large=" + large
                    + ", duplex=" + duplexSheets);
        }
        // Every duplex sheet was counted as two impressions, so there cannot be more sheets than half of them.
        if (2 * duplexSheets > small + large) {
            throw new InvalidReading("duplex sheets " + duplexSheets + " exceed half the impressions " + (small + large));
        }
    }
}
