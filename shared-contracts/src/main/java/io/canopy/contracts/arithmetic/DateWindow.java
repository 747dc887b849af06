package io.canopy.contracts.arithmetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A half-open window of days {@code [from, to)}: {@code from} is included, {@code to} is not, so
 * adjacent windows never overlap and never leave a gap (DESIGN.md "Domain arithmetic").
 */
public record DateWindow(LocalDate from, LocalDate to) {

    public DateWindow {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a window needs both 'from' and 'to'");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a window [from, to) needs from < to, got [" + from + ", " + to + ")");
        }
    }

    public static DateWindow of(LocalDate from, LocalDate to) {
        return new DateWindow(from, to);
    }

    /** The window of exactly one day. */
    public static DateWindow day(LocalDate day) {
        return new DateWindow(day, day.plusDays(1));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(to);
    }

    public long lengthInDays() {
        return ChronoUnit.DAYS.between(from, to);
    }

    public Stream<LocalDate> days() {
        return from.datesUntil(to);
    }

    /** One single-day window per day, in order (how aggregate vendors are asked). */
    public List<DateWindow> splitIntoDays() {
        return days().map(DateWindow::day).toList();
    }

    public boolean overlaps(DateWindow other) {
        return from.isBefore(other.to) && other.from.isBefore(to);
    }

    public Optional<DateWindow> intersection(DateWindow other) {
        LocalDate start = from.isAfter(other.from) ? from : other.from;
        LocalDate end = to.isBefore(other.to) ? to : other.to;
        return start.isBefore(end) ? Optional.of(new DateWindow(start, end)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
