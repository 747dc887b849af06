package io.canopy.certificate.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides, when a deposit arrives, which account period counts it. A month accepts deposits while
 * its period is OPEN (or not yet created), business time has not reached its close date and no
 * operator closed it. Otherwise the deposit is late: it goes to the earliest later month of the
 * account that still accepts deposits, as prior-period pages.
 *
 * <p>The decision depends on the business clock, not on whether the closer has already sealed the
 * month, so it does not matter when the scheduler happens to run. The placement is stored with
 * the deposit and never changes; a CLOSING period therefore covers exactly what it held when it
 * started closing, and a crash between CLOSING and CLOSED re-seals the same set.
 */
public final class DepositPlacement {

    private final CloseRule closeRule;

    public DepositPlacement(CloseRule closeRule) {
        this.closeRule = closeRule;
    }

    /**
     * @param serviceMonth      the month of the deposit's service date (already the business day in
     *                          the account's time zone, computed by metering)
     * @param businessToday     the business clock including this deposit's {@code as_of}
     * @param periodStatus      the account's period of a month, if one exists
     * @param closedByOperator  months an operator closed for all accounts
     */
    public Placement place(YearMonth serviceMonth, LocalDate businessToday,
            Function<YearMonth, Optional<PeriodStatus>> periodStatus, Predicate<YearMonth> closedByOperator) {
        YearMonth month = serviceMonth;
        // Terminates: the month of business today has not ended, so it is neither due, nor closable
        // by an operator, nor CLOSING/CLOSED.
        while (!accepts(month, businessToday, periodStatus, closedByOperator)) {
            month = month.plusMonths(1);
        }
        return new Placement(month, !month.equals(serviceMonth));
    }

    boolean accepts(YearMonth month, LocalDate businessToday, Function<YearMonth, Optional<PeriodStatus>> periodStatus,
            Predicate<YearMonth> closedByOperator) {
        boolean periodOpen = periodStatus.apply(month).map(PeriodStatus::acceptsDeposits).orElse(true);
        return periodOpen && !closeRule.isDue(month, businessToday) && !closedByOperator.test(month);
    }
}
