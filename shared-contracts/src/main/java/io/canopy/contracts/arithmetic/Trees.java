package io.canopy.contracts.arithmetic;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Pages to trees: one tree for every 8,333 standard pages (one tree yields about 8,333 letter
 * sheets at 74 g/m²). Computed from exact integers; only the display is rounded, half-even, to
 * two decimals.
 */
public final class Trees {

    public static final long DEFAULT_PAGES_PER_TREE = 8_333L;

    private final long pagesPerTree;

    public Trees(long pagesPerTree) {
        if (pagesPerTree <= 0) {
            throw new IllegalArgumentException("pages per tree must be positive, got " + pagesPerTree);
        }
        this.pagesPerTree = pagesPerTree;
    }

    public static Trees standard() {
        return new Trees(DEFAULT_PAGES_PER_TREE);
    }

    /** Trees for the pages, rounded half-even to 2 decimals (2,469,134 pages → 296.31). */
    public BigDecimal of(long pages) {
        return BigDecimal.valueOf(pages).divide(BigDecimal.valueOf(pagesPerTree), 2, RoundingMode.HALF_EVEN);
    }

    /** The same, as text for certificates and summaries: always two decimals. */
    public String display(long pages) {
        return of(pages).toPlainString();
    }

    public long pagesPerTree() {
        return pagesPerTree;
    }
}
