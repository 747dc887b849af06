package io.canopy.metering.domain;

/**
 * Lifetime counters of one device at one moment, as the vendor shows them.
 *
 * @param small lifetime small-format (letter/A4) impressions
 * @param large lifetime large-format (tabloid/A3) impressions
 * @param area  lifetime wide-format paper area in hundredths of mm², or null when the device has no
 *              area counter
 */
public record Counters(long small, long large, Long area) {

    public Counters {
        if (small < 0 || large < 0 || (area != null && area < 0)) {
            throw new InvalidReading("counters must not be negative: small=" + small + ", large=" + large
                    + ", area=" + area);
        }
    }

    public static Counters of(long small, long large) {
        return new Counters(small, large, null);
    }

    /** Impressions, the single number PrintReleaf calls a device's count (InitialCount, LatestCount). */
    public long impressions() {
        return small + large;
    }
}
