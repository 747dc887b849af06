package io.canopy.contracts.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class StandardPagesTest {

    @Test
    void letterIsSmallPlusTwiceLargeMinusDuplexSheets() {
        assertThat(StandardPages.of(1_000, 100, 250, PaperBasis.LETTER)).isEqualTo(1_000 + 200 - 250);
        assertThat(StandardPages.of(0, 0, 0, PaperBasis.LETTER)).isZero();
    }

    @Test
    void a4WeighsPagesAndRoundsTheDayTotalHalfEven() {
        // 1000 x 1.034 + 100 x 2.068 - 250 x 1.034 = 1034 + 206.8 - 258.5 = 982.3
        assertThat(StandardPages.exact(1_000, 100, 250, PaperBasis.A4)).isEqualByComparingTo("982.3");
        assertThat(StandardPages.of(1_000, 100, 250, PaperBasis.A4)).isEqualTo(982);
        // 250 x 1.034 = 258.5 -> half-even -> 258
        assertThat(StandardPages.of(250, 0, 0, PaperBasis.A4)).isEqualTo(258);
        // 750 x 1.034 = 775.5 -> half-even -> 776
        assertThat(StandardPages.of(750, 0, 0, PaperBasis.A4)).isEqualTo(776);
    }

    @Test
    void negativeVolumesAreRejectedNotSilentlyUsed() {
        assertThatThrownBy(() -> StandardPages.of(-1, 0, 0, PaperBasis.LETTER)).hasMessageContaining("small");
        assertThatThrownBy(() -> StandardPages.of(0, -1, 0, PaperBasis.LETTER)).hasMessageContaining("large");
        assertThatThrownBy(() -> StandardPages.of(0, 0, -1, PaperBasis.LETTER)).hasMessageContaining("duplex");
    }

    @Test
    void wideFormatAreaConvertsToLetterSheets() {
        // one m² (10^8 hundredths of mm²) is 1 / 0.06032 = 16.578... letter sheets
        assertThat(StandardPages.fromArea(100_000_000L)).isEqualByComparingTo(new BigDecimal("16.578249"));
        assertThat(StandardPages.roundDayTotal(StandardPages.fromArea(100_000_000L))).isEqualTo(17);
        assertThat(StandardPages.fromArea(0)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Property
    void letterPagesAreNeverNegativeForPhysicallyPossibleDuplex(@ForAll @LongRange(max = 10_000_000) long small,
            @ForAll @LongRange(max = 1_000_000) long large, @ForAll @LongRange(max = 100) long duplexPercent) {
        // A duplex sheet is two impressions, so there are at most (small + large) / 2 of them.
        long duplex = (small + large) / 2 * duplexPercent / 100;
        assertThat(StandardPages.of(small, large, duplex, PaperBasis.LETTER)).isNotNegative();
    }

    @Property
    void letterIsAdditiveAcrossDaysSoSplittingNeverChangesTheTotal(@ForAll @LongRange(max = 1_000_000) long small1,
            @ForAll @LongRange(max = 1_000_000) long small2, @ForAll @LongRange(max = 100_000) long large1,
            @ForAll @LongRange(max = 100_000) long large2) {
        assertThat(StandardPages.of(small1, large1, 0, PaperBasis.LETTER)
                + StandardPages.of(small2, large2, 0, PaperBasis.LETTER))
                .isEqualTo(StandardPages.of(small1 + small2, large1 + large2, 0, PaperBasis.LETTER));
    }

    @Property
    void a4RoundingIsWithinHalfAPage(@ForAll @LongRange(max = 1_000_000) long small,
            @ForAll @LongRange(max = 100_000) long large) {
        BigDecimal exact = StandardPages.exact(small, large, 0, PaperBasis.A4);
        long rounded = StandardPages.of(small, large, 0, PaperBasis.A4);
        assertThat(exact.subtract(BigDecimal.valueOf(rounded)).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
    }
}
