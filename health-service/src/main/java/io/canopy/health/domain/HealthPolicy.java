package io.canopy.health.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.canopy.contracts.arithmetic.BusinessCalendar;

/**
 * The thresholds of DESIGN.md "Health" and the business-time arithmetic they are measured in.
 *
 * <p><b>Staleness rule.</b> Data "reaches" an instant: the newest reading time a collection saw,
 * or the end of a day (its next midnight in the account's zone) for signals that only name a day
 * (an outcome's {@code newestDataDate}, a deposit with pages). Business
 * time elapses only on business days of the account's zone. A feed is stale once
 * {@link #staleAfterBusinessDays()} whole business days have elapsed since its data: the
 * deadline is the same local time, that many business days later (data that reaches into a
 * weekend or holiday counts from the next business day's midnight). "Now" is the start of the
 * business date {@code as_of} in the account's zone (rule 12: the night of {@code as_of} has
 * collected every day before it), never the wall clock. So a Friday 23:00 reading is stale from
 * Wednesday 23:00, i.e. at the run as of Thursday; a Monday 10:00 reading is not stale as of
 * Thursday (2.6 business days) but is as of Friday.
 *
 * @param staleAfterBusinessDays business days without new data before a feed is stale (3)
 * @param failingAfterNights     consecutive nights whose collections all failed before a feed is
 *                               failing (3)
 */
public record HealthPolicy(BusinessCalendar calendar, int staleAfterBusinessDays, int failingAfterNights) {

    public HealthPolicy {
        if (calendar == null) {
            throw new IllegalArgumentException("a health policy needs a business calendar");
        }
        if (staleAfterBusinessDays < 1) {
            throw new IllegalArgumentException("stale-after-business-days must be at least 1, got " + staleAfterBusinessDays);
        }
        if (failingAfterNights < 1) {
            throw new IllegalArgumentException("failing-after-nights must be at least 1, got " + failingAfterNights);
        }
    }

    /** The moment a feed whose data reaches {@code dataThrough} becomes stale. */
    public Instant staleAt(Instant dataThrough, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(dataThrough, zone);
        if (!calendar.isBusinessDay(local.toLocalDate())) {
            local = calendar.nextBusinessDay(local.toLocalDate()).atStartOfDay();
        }
        LocalDate deadline = calendar.plusBusinessDays(local.toLocalDate(), staleAfterBusinessDays);
        // ZonedDateTime.of moves a local time that falls into a DST gap forward, like a wall clock does.
        return ZonedDateTime.of(deadline, local.toLocalTime(), zone).toInstant();
    }

    /** Whether data reaching {@code dataThrough} is stale in the run as of {@code asOf}. */
    public boolean isStale(Instant dataThrough, LocalDate asOf, ZoneId zone) {
        return !businessNow(asOf, zone).isBefore(staleAt(dataThrough, zone));
    }

    /** The first business day without new data after the last day that had some: where an episode starts. */
    public LocalDate episodeStart(LocalDate lastNewDataDay) {
        return calendar.nextBusinessDay(lastNewDataDay);
    }

    /** "Now" of business date {@code asOf}: its first moment in the zone (every earlier day is complete). */
    public static Instant businessNow(LocalDate asOf, ZoneId zone) {
        return asOf.atStartOfDay(zone).toInstant();
    }

    /** A signal that names only a day reaches to the end of that day (the next midnight in the zone). */
    public static Instant endOfDay(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * The last day that had data, for data reaching {@code dataThrough}: the day of its last moment,
     * so a day-only signal for D (reaching D+1 00:00) and a 23:00 reading on D both name D.
     */
    public static LocalDate lastDataDay(Instant dataThrough, ZoneId zone) {
        return LocalDateTime.ofInstant(dataThrough.minusNanos(1), zone).toLocalDate();
    }
}
