package io.canopy.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import org.junit.jupiter.api.Test;

class VolumeChartTest {

    @Test
    void everyDayOfTheRangeHasABarAndAQuietDayIsAZeroBarNotAMissingOne() {
        LocalDate first = LocalDate.of(2026, 2, 27);
        VolumeChart chart = VolumeChart.daily("daily", Map.of(first, 100L, LocalDate.of(2026, 3, 2), 50L), first,
                LocalDate.of(2026, 3, 2));

        assertThat(chart.bars()).extracting(VolumeChart.Bar::period)
                .containsExactly("2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02");
        assertThat(chart.bars()).extracting(VolumeChart.Bar::pages).containsExactly(100L, 0L, 0L, 50L);
        assertThat(chart.totalPages()).isEqualTo(150);
        assertThat(chart.maxPages()).isEqualTo(100);
        assertThat(chart.first()).isEqualTo("2026-02-27");
        assertThat(chart.last()).isEqualTo("2026-03-02");
        assertThat(chart.unit()).isEqualTo("day");
    }

    @Test
    void theBusiestPeriodIsTheFullHeightAndTheOthersAreToScale() {
        LocalDate day = LocalDate.of(2026, 6, 1);
        VolumeChart chart = VolumeChart.daily("daily", Map.of(day, 300L, day.plusDays(1), 150L), day, day.plusDays(2));

        VolumeChart.Bar busiest = chart.bars().get(0);
        VolumeChart.Bar half = chart.bars().get(1);
        VolumeChart.Bar quiet = chart.bars().get(2);
        assertThat(half.barHeight()).isEqualTo(busiest.barHeight() / 2);
        assertThat(busiest.y() + busiest.barHeight()).isEqualTo(chart.height());
        assertThat(quiet.barHeight()).isZero();
        assertThat(half.x()).isGreaterThan(busiest.x() + busiest.barWidth());
        assertThat(quiet.x() + quiet.barWidth()).isLessThanOrEqualTo(chart.width());
        assertThat(busiest.label()).isEqualTo("2026-06-01: 300 pages");
    }

    @Test
    void monthsRunAcrossTheYearEndWithAnEmptyMonthAsAGap() {
        VolumeChart chart = VolumeChart.monthly("monthly",
                Map.of(YearMonth.of(2025, 11), 12_000L, YearMonth.of(2026, 1), 8_333L), YearMonth.of(2025, 11),
                YearMonth.of(2026, 2));

        assertThat(chart.bars()).extracting(VolumeChart.Bar::period)
                .containsExactly("2025-11", "2025-12", "2026-01", "2026-02");
        assertThat(chart.bars()).extracting(VolumeChart.Bar::pages).containsExactly(12_000L, 0L, 8_333L, 0L);
        assertThat(chart.bars().get(2).label()).isEqualTo("2026-01: 8,333 pages");
        assertThat(chart.unit()).isEqualTo("month");
        assertThat(chart.id()).isEqualTo("monthly");
    }

    @Test
    void aRangeWithoutPagesDrawsFlatBarsInsteadOfDividingByZero() {
        YearMonth month = YearMonth.of(2026, 12);
        VolumeChart chart = VolumeChart.monthly("monthly", Map.of(), month.minusMonths(11), month);

        assertThat(chart.bars()).hasSize(12).allSatisfy(bar -> assertThat(bar.barHeight()).isZero());
        assertThat(chart.maxPages()).isZero();
        assertThat(chart.totalPages()).isZero();
    }
}
