package io.canopy.contracts.arithmetic;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Business days: every day but the weekend days and the configured holidays. Used by health
 * (staleness counts business days) and anywhere "3 business days" must mean the same thing.
 */
public final class BusinessCalendar {

    private final Set<DayOfWeek> weekend;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(Set<DayOfWeek> weekend, Set<LocalDate> holidays) {
        if (weekend.size() >= 7) {
            throw new IllegalArgumentException("a calendar needs at least one working weekday");
        }
        this.weekend = weekend.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekend);
        this.holidays = new TreeSet<>(holidays);
    }

    /** Saturday and Sunday off, plus the given holidays. */
    public static BusinessCalendar weekendsAnd(Set<LocalDate> holidays) {
        return new BusinessCalendar(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), holidays);
    }

    public boolean isBusinessDay(LocalDate day) {
        return !weekend.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The first business day strictly after the given day. */
    public LocalDate nextBusinessDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** The last business day strictly before the given day. */
    public LocalDate previousBusinessDay(LocalDate day) {
        LocalDate previous = day.minusDays(1);
        while (!isBusinessDay(previous)) {
            previous = previous.minusDays(1);
        }
        return previous;
    }

    /** The n-th business day after the given day (n ≥ 0; n = 0 returns the day itself). */
    public LocalDate plusBusinessDays(LocalDate day, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        LocalDate result = day;
        for (int i = 0; i < n; i++) {
            result = nextBusinessDay(result);
        }
        return result;
    }

    /** Business days in the half-open window {@code (after, upTo]}: how many have passed since {@code after}. */
    public long businessDaysAfter(LocalDate after, LocalDate upTo) {
        long count = 0;
        for (LocalDate d = after.plusDays(1); !d.isAfter(upTo); d = d.plusDays(1)) {
            if (isBusinessDay(d)) {
                count++;
            }
        }
        return count;
    }
}
