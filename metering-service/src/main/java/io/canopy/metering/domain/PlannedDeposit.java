package io.canopy.metering.domain;

import io.canopy.contracts.events.DepositKind;

/**
 * The entry the ledger needs so that its (feed, day) total equals the computed pages.
 *
 * @param pages         this entry (negative only for an adjustment)
 * @param dayTotalPages the ledger's (feed, day) total after this entry = the computed pages
 */
public record PlannedDeposit(long pages, long dayTotalPages, DepositKind kind) {

    /**
     * Deposit = computed pages − what the ledger already holds; nothing when they agree. The first
     * entry of a day is regular, every later one an adjustment, so a correction never rewrites history.
     */
    public static java.util.Optional<PlannedDeposit> toReach(long computedPages, LedgerDay ledger) {
        if (computedPages < 0) {
            throw new IllegalArgumentException("computed pages are never negative, got " + computedPages);
        }
        long difference = Math.subtractExact(computedPages, ledger.totalPages());
        if (difference == 0) {
            return java.util.Optional.empty();
        }
        DepositKind kind = ledger.entries() == 0 ? DepositKind.REGULAR : DepositKind.ADJUSTMENT;
        return java.util.Optional.of(new PlannedDeposit(difference, computedPages, kind));
    }
}
