package io.canopy.contracts.arithmetic;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Standard pages from impressions: {@code small + 2 x large - duplexSheets} on a letter basis.
 *
 * <p>A duplex sheet was counted as two impressions; subtracting one per sheet leaves the paper
 * actually used. On an A4 basis each weight is applied, the duplex sheet at the small weight (the
 * vendors do not say whether duplex sheets were small or large), and the day total is rounded
 * half-even to whole pages once, so rounding never accumulates across devices.
 */
public final class StandardPages {

    /** Area of one letter sheet in m² (215.9 mm x 279.4 mm), for wide-format area counters. */
    public static final BigDecimal LETTER_SHEET_AREA_M2 = new BigDecimal("0.06032");

    /** Hundredths of mm² in one m²: 10^6 mm² x 100. */
    private static final BigDecimal HUNDREDTHS_MM2_PER_M2 = new BigDecimal("100000000");

    private StandardPages() {
    }

    /** Standard pages of one day's volumes. Inputs must not be negative. */
    public static long of(long smallImpressions, long largeImpressions, long duplexSheets, PaperBasis basis) {
        requireNonNegative(smallImpressions, "small impressions");
        requireNonNegative(largeImpressions, "large impressions");
        requireNonNegative(duplexSheets, "duplex sheets");
        if (basis == PaperBasis.LETTER) {
            return Math.subtractExact(Math.addExact(smallImpressions, Math.multiplyExact(2L, largeImpressions)),
                    duplexSheets);
        }
        return exact(smallImpressions, largeImpressions, duplexSheets, basis)
                .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** The unrounded value, for summing several parts before one final rounding. */
    public static BigDecimal exact(long smallImpressions, long largeImpressions, long duplexSheets, PaperBasis basis) {
        return basis.smallWeight().multiply(BigDecimal.valueOf(smallImpressions))
                .add(basis.largeWeight().multiply(BigDecimal.valueOf(largeImpressions)))
                .subtract(basis.smallWeight().multiply(BigDecimal.valueOf(duplexSheets)));
    }

    /** Letter sheets of paper area, exact: wide-format area (hundredths of mm²) ÷ letter sheet area. */
    public static BigDecimal fromArea(long areaHundredthsMm2) {
        requireNonNegative(areaHundredthsMm2, "paper area");
        return BigDecimal.valueOf(areaHundredthsMm2)
                .divide(HUNDREDTHS_MM2_PER_M2.multiply(LETTER_SHEET_AREA_M2), 6, RoundingMode.HALF_EVEN);
    }

    /** Rounds a day total to whole pages, half-even. */
    public static long roundDayTotal(BigDecimal exactPages) {
        return exactPages.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
    }
}
