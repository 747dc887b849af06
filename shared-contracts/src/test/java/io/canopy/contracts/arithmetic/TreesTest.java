package io.canopy.contracts.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class TreesTest {

    private final Trees trees = Trees.standard();

    @Test
    void pagesConvertAtEightThousandThreeHundredThirtyThreePerTree() {
        assertThat(trees.display(2_469_134)).isEqualTo("296.31");
        assertThat(trees.display(1_234)).isEqualTo("0.15");
        assertThat(trees.display(8_333)).isEqualTo("1.00");
        assertThat(trees.display(0)).isEqualTo("0.00");
    }

    @Test
    void halfwayCasesRoundToEven() {
        // With 8 pages per tree, 1 page is exactly 0.125 trees: half-even keeps the even 0.12; 0.375 goes to 0.38.
        assertThat(new Trees(8).display(1)).isEqualTo("0.12");
        assertThat(new Trees(8).display(3)).isEqualTo("0.38");
    }

    @Test
    void aNonPositiveRateIsRejected() {
        assertThatThrownBy(() -> new Trees(0)).hasMessageContaining("positive");
    }

    @Property
    void displayedTreesAreWithinHalfAHundredthOfTheExactQuotient(@ForAll @LongRange(max = 10_000_000_000L) long pages) {
        BigDecimal exact = new BigDecimal(pages).divide(new BigDecimal(8_333), 12, java.math.RoundingMode.HALF_EVEN);
        assertThat(trees.of(pages).subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
        assertThat(trees.of(pages).scale()).isEqualTo(2);
    }
}
