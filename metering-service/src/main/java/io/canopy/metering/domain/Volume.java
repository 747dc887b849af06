package io.canopy.metering.domain;

import java.math.BigDecimal;

import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.arithmetic.StandardPages;

/**
 * Volume printed over some span: impressions per format and wide-format paper area. Never negative.
 *
 * @param areaHundredthsMm2 wide-format paper area; 0 for devices without an area counter
 */
public record Volume(long small, long large, long areaHundredthsMm2) {

    public static final Volume ZERO = new Volume(0, 0, 0);

    public Volume {
        if (small < 0 || large < 0 || areaHundredthsMm2 < 0) {
            throw new IllegalArgumentException("a volume is never negative: small=" + small + ", large=" + large
                    + ", area=" + areaHundredthsMm2);
        }
    }

    public Volume plus(Volume other) {
        return new Volume(Math.addExact(small, other.small), Math.addExact(large, other.large),
                Math.addExact(areaHundredthsMm2, other.areaHundredthsMm2));
    }

    public boolean isZero() {
        return small == 0 && large == 0 && areaHundredthsMm2 == 0;
    }

    public long impressions() {
        return small + large;
    }

    /**
     * Standard pages before the day total is rounded. A wide-format device reports paper area, and
     * its area is its paper (its clicks would count the same sheets again); every other device is
     * small + 2 x large on the feed's basis (meter vendors report no duplex).
     */
    public BigDecimal exactStandardPages(PaperBasis basis) {
        if (areaHundredthsMm2 > 0) {
            return StandardPages.fromArea(areaHundredthsMm2);
        }
        return StandardPages.exact(small, large, 0, basis);
    }
}
