package io.canopy.dashboard.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A bar chart of standard pages per day or per month, laid out for an inline SVG (no chart library,
 * no script: it works without JavaScript and prints). Each bar carries its own label for screen
 * readers; the pages also show the same numbers as a table.
 *
 * @param id       the element id of the chart on its page (two charts on one page need two ids)
 * @param unit     what one bar is: {@code day} or {@code month}
 * @param bars     one per period of the range, oldest first, empty periods included (a gap is information)
 * @param width    the viewBox width
 * @param height   the viewBox height
 * @param maxPages the tallest bar's pages (the scale)
 */
public record VolumeChart(String id, String unit, List<Bar> bars, int width, int height, long maxPages) {

    /** One period's bar; {@code period} is an ISO date ({@code 2026-11-30}) or month ({@code 2026-11}). */
    public record Bar(String period, long pages, double x, double y, double barWidth, double barHeight) {
        public String label() {
            return String.format("%s: %,d pages", period, pages);
        }
    }

    private static final int HEIGHT = 160;
    private static final double BAR = 10;
    private static final double GAP = 2;

    /** The days from {@code first} through {@code last}, each with its pages (0 where none). */
    public static VolumeChart daily(String id, Map<LocalDate, Long> pagesByDay, LocalDate first, LocalDate last) {
        return of(id, "day", pagesByDay, first, last, day -> day.plusDays(1), LocalDate::isAfter);
    }

    /** The months from {@code first} through {@code last}, each with its pages (0 where none). */
    public static VolumeChart monthly(String id, Map<YearMonth, Long> pagesByMonth, YearMonth first, YearMonth last) {
        return of(id, "month", pagesByMonth, first, last, month -> month.plusMonths(1), YearMonth::isAfter);
    }

    private static <P> VolumeChart of(String id, String unit, Map<P, Long> pagesByPeriod, P first, P last,
            UnaryOperator<P> next, BiPredicate<P, P> isAfter) {
        List<P> periods = new ArrayList<>();
        for (P period = first; !isAfter.test(period, last); period = next.apply(period)) {
            periods.add(period);
        }
        Function<P, Long> pages = period -> pagesByPeriod.getOrDefault(period, 0L);
        long max = periods.stream().mapToLong(pages::apply).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            long value = pages.apply(periods.get(i));
            double h = max == 0 ? 0 : (double) value / max * (HEIGHT - 10);
            bars.add(new Bar(periods.get(i).toString(), value, i * (BAR + GAP), HEIGHT - h, BAR, h));
        }
        return new VolumeChart(id, unit, bars, (int) Math.ceil(bars.size() * (BAR + GAP)), HEIGHT, max);
    }

    public String first() {
        return bars.get(0).period();
    }

    public String last() {
        return bars.get(bars.size() - 1).period();
    }

    public long totalPages() {
        return bars.stream().mapToLong(Bar::pages).sum();
    }
}
