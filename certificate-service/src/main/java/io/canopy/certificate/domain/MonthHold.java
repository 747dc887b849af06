package io.canopy.certificate.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.canopy.contracts.arithmetic.BusinessCalendar;

/**
 * Whether an account's month must wait before it closes (DESIGN.md "Month close and certificates").
 * It waits while a feed of the account that is still being collected
 * <ul>
 * <li>has not collected through the month's last day (its nights fail, or its server is paused), or</li>
 * <li>has an open staleness episode that touches the month, or the backfill that ended such an
 * episode has not been collected yet (the late uploads are what the certificate waits for).</li>
 * </ul>
 * A feed counts as still collected for the month when it had a collection outcome dated after the
 * month's first day: a feed deactivated before the month has none and never holds it; one deactivated
 * (or whose server was paused) during the month holds it, but only up to the maximum hold.
 *
 * <p>The hold is bounded: {@code maxHoldBusinessDays} business days after the nominal close date the
 * month closes anyway, and pages that arrive later go on the next certificate's prior-period line.
 */
public final class MonthHold {

    private final int maxHoldBusinessDays;
    private final BusinessCalendar calendar;

    public MonthHold(int maxHoldBusinessDays, BusinessCalendar calendar) {
        if (maxHoldBusinessDays < 0) {
            throw new IllegalArgumentException("max-hold-business-days must be 0 or more, got " + maxHoldBusinessDays);
        }
        this.maxHoldBusinessDays = maxHoldBusinessDays;
        this.calendar = calendar;
    }

    /** The first reason the month waits, feeds taken in id order so the answer is stable. */
    public Optional<Hold> holdOf(YearMonth month, List<FeedFacts> feeds) {
        LocalDate lastDay = month.atEndOfMonth();
        return feeds.stream().sorted(Comparator.comparing(FeedFacts::feedId))
                .filter(f -> f.lastOutcomeAsOf() != null && f.lastOutcomeAsOf().isAfter(month.atDay(1)))
                .map(f -> holdOf(f, lastDay)).flatMap(Optional::stream).findFirst();
    }

    private static Optional<Hold> holdOf(FeedFacts f, LocalDate lastDay) {
        if (f.staleUnknownStart() || f.staleSince() != null && !f.staleSince().isAfter(lastDay)) {
            return Optional.of(new Hold(f.feedId(), Hold.Reason.STALE, f.staleUnknownStart()
                    ? "no new data since the feed started"
                    : "no new data since " + f.staleSince() + " (staleness episode open)"));
        }
        if (f.backfillFrom() != null && !f.backfillFrom().isAfter(lastDay)) {
            return Optional.of(new Hold(f.feedId(), Hold.Reason.BACKFILL_PENDING,
                    "backfill of [" + f.backfillFrom() + ", " + f.backfillTo() + ") not collected yet"));
        }
        if (f.collectedTo() == null || !f.collectedTo().isAfter(lastDay)) {
            return Optional.of(new Hold(f.feedId(), Hold.Reason.NOT_COLLECTED, f.collectedTo() == null
                    ? "nothing collected yet"
                    : "collected through " + f.collectedTo().minusDays(1) + " only"));
        }
        return Optional.empty();
    }

    /** Whether a month nominally due on {@code nominalCloseDate} has waited as long as it may. */
    public boolean holdExhausted(LocalDate nominalCloseDate, LocalDate businessToday) {
        return calendar.businessDaysAfter(nominalCloseDate, businessToday) >= maxHoldBusinessDays;
    }

    public int maxHoldBusinessDays() {
        return maxHoldBusinessDays;
    }
}
