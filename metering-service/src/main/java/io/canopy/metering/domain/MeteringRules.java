package io.canopy.metering.domain;

import java.util.List;

/**
 * The judgement calls of delta computation, named so they are configuration, not magic numbers.
 *
 * @param maxPagesPerDay   a device printing more than this many impressions per elapsed day is an
 *                         implausible jump: held for review, never deposited silently
 * @param rolloverModuli   counter widths that wrap: 10^7 (7-digit displays), 2^31 and 2^32
 */
public record MeteringRules(long maxPagesPerDay, List<Long> rolloverModuli) {

    public static final long DEFAULT_MAX_PAGES_PER_DAY = 100_000L;
    public static final List<Long> DEFAULT_ROLLOVER_MODULI = List.of(10_000_000L, 1L << 31, 1L << 32);

    public MeteringRules {
        if (maxPagesPerDay <= 0) {
            throw new IllegalArgumentException("max pages per day must be positive, got " + maxPagesPerDay);
        }
        rolloverModuli = rolloverModuli.stream().sorted().toList();
    }

    public static MeteringRules standard() {
        return new MeteringRules(DEFAULT_MAX_PAGES_PER_DAY, DEFAULT_ROLLOVER_MODULI);
    }

    /** The most impressions a device can plausibly print over {@code days} elapsed days. */
    public long plausibleLimit(long days) {
        return Math.multiplyExact(maxPagesPerDay, Math.max(1, days));
    }
}
