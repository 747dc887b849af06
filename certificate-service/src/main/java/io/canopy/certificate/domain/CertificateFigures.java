package io.canopy.certificate.domain;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.canopy.contracts.arithmetic.Trees;

/**
 * What a certificate states about one account's month, computed from the deposits the period
 * counts. Pages are exact integers; trees are derived from the total and rounded for display only.
 *
 * @param pages            this month's service-date pages
 * @param priorPeriodPages pages of earlier, already-closed months that arrived after their close
 * @param depositIds       the ids covered, sorted as the seal covers them
 */
public record CertificateFigures(YearMonth period, long pages, long priorPeriodPages, long totalPages,
        BigDecimal trees, List<String> depositIds, String seal) {

    public static CertificateFigures of(YearMonth period, Collection<CountedDeposit> deposits, Trees trees) {
        long own = 0;
        long prior = 0;
        for (CountedDeposit deposit : deposits) {
            if (deposit.serviceMonth().isAfter(period)) {
                throw new IllegalArgumentException("deposit " + deposit.depositId() + " of " + deposit.serviceMonth()
                        + " cannot count in the earlier period " + period);
            }
            if (deposit.serviceMonth().equals(period)) {
                own = Math.addExact(own, deposit.standardPages());
            } else {
                prior = Math.addExact(prior, deposit.standardPages());
            }
        }
        long total = Math.addExact(own, prior);
        List<UUID> ids = deposits.stream().map(CountedDeposit::depositId).toList();
        return new CertificateFigures(period, own, prior, total, trees.of(total), Seal.sortedIds(ids), Seal.of(ids));
    }

    public int depositCount() {
        return depositIds.size();
    }
}
