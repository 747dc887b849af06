package io.canopy.dashboard.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bar chart of pages per day, laid out for an inline SVG (no chart library, no script: it works
 * without JavaScript and prints). Each bar carries its own label for screen readers; the page also
 * renders the same numbers as a table.
 *
 * @param bars     one per day of the range, oldest first, zero days included (a gap is information)
 * @param width    the viewBox width
 * @param height   the viewBox height
 * @param maxPages the tallest bar's pages (the scale)
 */
public record DailyChart(List<Bar> bars, int width, int height, long maxPages) {

    public record Bar(LocalDate day, long pages, double x, double y, double barWidth, double barHeight) {
        public String label() {
            return String.format("%s: %,d pages", day, pages);
        }
    }

    private static final int HEIGHT = 160;
    private static final double BAR = 10;
    private static final double GAP = 2;

    /** The days from {@code first} through {@code last}, each with its pages (0 where none). */
    public static DailyChart of(Map<LocalDate, Long> pagesByDay, LocalDate first, LocalDate last) {
        long max = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            max = Math.max(max, pagesByDay.getOrDefault(day, 0L));
        }
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1), i++) {
            long pages = pagesByDay.getOrDefault(day, 0L);
            double h = max == 0 ? 0 : (double) pages / max * (HEIGHT - 10);
            bars.add(new Bar(day, pages, i * (BAR + GAP), HEIGHT - h, BAR, h));
        }
        return new DailyChart(bars, (int) Math.ceil(bars.size() * (BAR + GAP)), HEIGHT, max);
    }

    public LocalDate first() {
        return bars.get(0).day();
    }

    public LocalDate last() {
        return bars.get(bars.size() - 1).day();
    }

    public long totalPages() {
        return bars.stream().mapToLong(Bar::pages).sum();
    }
}
