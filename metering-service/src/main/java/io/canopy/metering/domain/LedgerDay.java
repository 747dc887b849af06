package io.canopy.metering.domain;

/** What the ledger holds for one (feed, day): the sum of its entries and how many there are. */
public record LedgerDay(long totalPages, int entries) {

    public static final LedgerDay EMPTY = new LedgerDay(0, 0);
}
