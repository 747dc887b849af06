package io.canopy.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The vendor-neutral freshness signal a collection reports: the newest day the vendor had data for. */
class CollectedWindowTest {

    static final LocalDate FEB_10 = LocalDate.of(2026, 2, 10);

    static DayAggregate day(int offset, long small, LocalDate stated) {
        return new DayAggregate(FEB_10.plusDays(offset), small, 0, 0, small > 0 ? 3 : 0, stated);
    }

    @Test
    void newestDataDateIsTheNewestDayWithVolumeWhenTheVendorStatesNone() {
        CollectedWindow week = CollectedWindow.ofAggregates(
                List.of(day(0, 120, null), day(1, 80, null), day(2, 0, null)), new DroppedValues());
        assertThat(week.newestDataDate()).isEqualTo(FEB_10.plusDays(1));
        assertThat(week.nonEmptyDays()).isEqualTo(2);
    }

    @Test
    void aLaterDateTheVendorStatesWins() {
        CollectedWindow window = CollectedWindow.ofAggregates(
                List.of(day(0, 120, FEB_10.plusDays(4)), day(1, 0, FEB_10.plusDays(4))), new DroppedValues());
        assertThat(window.newestDataDate()).isEqualTo(FEB_10.plusDays(4));
    }

    @Test
    void aStaleAgentsEmptyDaysShowOnlyTheStatedDate() {
        // The agent stopped uploading on Feb 9: empty days, and the vendor says its data ends then.
        CollectedWindow stale = CollectedWindow.ofAggregates(
                List.of(day(0, 0, FEB_10.minusDays(1)), day(1, 0, FEB_10.minusDays(1))), new DroppedValues());
        assertThat(stale.newestDataDate()).isEqualTo(FEB_10.minusDays(1));
    }

    @Test
    void emptyDaysWithoutAStatedDateNameNoDay() {
        CollectedWindow empty = CollectedWindow.ofAggregates(List.of(day(0, 0, null)), new DroppedValues());
        assertThat(empty.newestDataDate()).isNull();
        assertThat(CollectedWindow.ofReadings(List.of(), 0, new DroppedValues()).newestDataDate()).isNull();
    }
}
