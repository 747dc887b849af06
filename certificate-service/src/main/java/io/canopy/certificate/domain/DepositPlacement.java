package io.canopy.certificate.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides, when a deposit arrives, which account period counts it — by the deposit's own
 * {@code as_of} against the month's close date, never by when it happens to arrive. A month accepts
 * a deposit while its period is OPEN (or not yet created), no operator closed it, and the deposit's
 * {@code as_of} is before the month's close date: the nominal one ({@link CloseRule}), or, for a
 * month that is held, the date its hold fixed (the day after the hold ended, or the day the maximum
 * hold forced it). While a month due by its nominal date is held (or was, and its close date is
 * not fixed yet), it accepts.
 * Otherwise the deposit is late: it goes to the earliest later month of the account that still
 * accepts it, as prior-period pages.
 *
 * <p>The placement is stored with the deposit and never changes; a CLOSING period therefore covers
 * exactly what it held when it started closing, and a crash between CLOSING and CLOSED re-seals the
 * same set.
 */
public final class DepositPlacement {

    private final CloseRule closeRule;

    public DepositPlacement(CloseRule closeRule) {
        this.closeRule = closeRule;
    }

    /**
     * @param serviceMonth     the month of the deposit's service date (already the business day in
     *                         the account's time zone, computed by metering)
     * @param asOf             the deposit's business date
     * @param period           the account's period of a month, if one exists
     * @param closedByOperator months an operator closed for the deposit's dealer
     * @param heldNow          whether the account's month is held by one of its feeds right now
     */
    public Placement place(YearMonth serviceMonth, LocalDate asOf, Function<YearMonth, Optional<PeriodView>> period,
            Predicate<YearMonth> closedByOperator, Predicate<YearMonth> heldNow) {
        YearMonth month = serviceMonth;
        // Terminates: a month after the one of as_of has a nominal close date after as_of, and only
        // finitely many periods exist.
        while (!accepts(month, asOf, period, closedByOperator, heldNow)) {
            month = month.plusMonths(1);
        }
        return new Placement(month, !month.equals(serviceMonth));
    }

    boolean accepts(YearMonth month, LocalDate asOf, Function<YearMonth, Optional<PeriodView>> period,
            Predicate<YearMonth> closedByOperator, Predicate<YearMonth> heldNow) {
        Optional<PeriodView> view = period.apply(month);
        if (view.isPresent() && !view.get().status().acceptsDeposits() || closedByOperator.test(month)) {
            return false;
        }
        LocalDate decided = view.map(PeriodView::closeDate).orElse(null);
        if (decided != null) {
            return asOf.isBefore(decided);
        }
        // A month found held keeps accepting until the closer fixes its close date (the day after
        // the hold ended): deposits of the recovery day — the backfill's — count in it.
        return asOf.isBefore(closeRule.closesOn(month)) || view.map(PeriodView::heldSince).isPresent()
                || heldNow.test(month);
    }
}
