package io.canopy.metering.domain;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Optional;

import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.arithmetic.StandardPages;

/**
 * Standard pages of one feed on one business day: the devices' volumes summed exactly, then the
 * day total rounded once (so A4 weights never accumulate rounding across devices), plus the
 * vendor's own day volumes for aggregate feeds.
 */
public final class FeedDay {

    private FeedDay() {
    }

    public static long standardPages(Collection<Volume> deviceVolumes, Optional<AggregateVolume> aggregate,
            PaperBasis basis) {
        BigDecimal exact = BigDecimal.ZERO;
        for (Volume volume : deviceVolumes) {
            exact = exact.add(volume.exactStandardPages(basis));
        }
        long pages = StandardPages.roundDayTotal(exact);
        if (aggregate.isPresent()) {
            AggregateVolume a = aggregate.get();
            pages = Math.addExact(pages, StandardPages.of(a.small(), a.large(), a.duplexSheets(), basis));
        }
        return pages;
    }
}
