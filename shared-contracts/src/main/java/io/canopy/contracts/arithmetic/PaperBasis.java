package io.canopy.contracts.arithmetic;

import java.math.BigDecimal;

/**
 * How one impression converts to standard pages (8.5"x11" 20 lb bond). Letter is the default;
 * an A4 feed weighs a small page at 1.034 and a large one at 2.068 (shared/vendor-apis.md).
 */
public enum PaperBasis {
    LETTER(BigDecimal.ONE, BigDecimal.valueOf(2)),
    A4(new BigDecimal("1.034"), new BigDecimal("2.068"));

    private final BigDecimal smallWeight;
    private final BigDecimal largeWeight;

    PaperBasis(BigDecimal smallWeight, BigDecimal largeWeight) {
        this.smallWeight = smallWeight;
        this.largeWeight = largeWeight;
    }

    public BigDecimal smallWeight() {
        return smallWeight;
    }

    public BigDecimal largeWeight() {
        return largeWeight;
    }
}
