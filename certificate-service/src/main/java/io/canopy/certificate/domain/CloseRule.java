package io.canopy.certificate.domain;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * When a month closes in business time (DESIGN.md rule 12): {@code closeAfterDays} days after it
 * ends, judged against the latest {@code as_of} seen, never the wall clock.
 *
 * <p>A nightly run with {@code as_of} D collects the days before D, so with the default of 3 the
 * run of the 4th of the next month (which brings the 1st–3rd and any late reads of the month) is
 * the one that makes the month due: late nightly data still lands in its own month.
 */
public final class CloseRule {

    private final int closeAfterDays;

    public CloseRule(int closeAfterDays) {
        if (closeAfterDays < 0) {
            throw new IllegalArgumentException("close-after-days must be 0 or more, got " + closeAfterDays);
        }
        this.closeAfterDays = closeAfterDays;
    }

    /** The first business date on which the month is due to close. */
    public LocalDate closesOn(YearMonth month) {
        return month.plusMonths(1).atDay(1).plusDays(closeAfterDays);
    }

    /** Whether business time has reached the month's close date. */
    public boolean isDue(YearMonth month, LocalDate businessToday) {
        return !businessToday.isBefore(closesOn(month));
    }

    /** The latest month that is due on this business date: every month up to it must close. */
    public YearMonth latestDueMonth(LocalDate businessToday) {
        return YearMonth.from(businessToday.minusDays(closeAfterDays)).minusMonths(1);
    }

    /**
     * Whether the month is over in business time. An operator may close an ended month before its
     * close date, never one that is still running (its later days could not be certified).
     */
    public static boolean hasEnded(YearMonth month, LocalDate businessToday) {
        return businessToday.isAfter(month.atEndOfMonth());
    }

    public int closeAfterDays() {
        return closeAfterDays;
    }
}
