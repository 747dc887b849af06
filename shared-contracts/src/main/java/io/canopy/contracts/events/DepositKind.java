package io.canopy.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kind of ledger entry. */
public enum DepositKind {
    /** The first entry for a (feed, day). */
    @JsonProperty("regular")
    REGULAR,
    /** A correction of a (feed, day) that already had entries (backfill, late reads); may be negative. */
    @JsonProperty("adjustment")
    ADJUSTMENT,
    /** An entry for a day whose month was already closed; counted on the next certificate. */
    @JsonProperty("prior-period")
    PRIOR_PERIOD
}
