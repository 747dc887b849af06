package io.canopy.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.VendorType;

class WatermarkTest {

    static final LocalDate ACTIVATION = LocalDate.parse("2026-02-01");

    static DateWindow window(String from, String to) {
        return DateWindow.of(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void theFirstWindowReachesBackToAnActivationDateInThePast() {
        Watermark fresh = new Watermark(ACTIVATION, Optional.empty());
        assertThat(fresh.nightlyWindow(LocalDate.parse("2026-02-10"))).contains(window("2026-02-01", "2026-02-10"));
        assertThat(fresh.nightlyPurpose()).isEqualTo(CollectionPurpose.ACTIVATION);
    }

    @Test
    void nothingToCollectBeforeTheActivationDateOrWhenUpToDate() {
        assertThat(new Watermark(ACTIVATION, Optional.empty()).nightlyWindow(ACTIVATION)).isEmpty();
        assertThat(new Watermark(ACTIVATION, Optional.of(LocalDate.parse("2026-02-10")))
                .nightlyWindow(LocalDate.parse("2026-02-10"))).isEmpty();
    }

    @Test
    void successMovesTheWatermarkAndAFailureLeavesTheGapForTheNextNight() {
        Watermark collected = new Watermark(ACTIVATION, Optional.empty()).afterSuccess(window("2026-02-01", "2026-02-10"));
        assertThat(collected.collectedThrough()).contains(LocalDate.parse("2026-02-10"));
        assertThat(collected.nightlyPurpose()).isEqualTo(CollectionPurpose.NIGHTLY);
        // the night of the 11th failed (no success applied): the 12th's window covers both days
        assertThat(collected.nightlyWindow(LocalDate.parse("2026-02-12"))).contains(window("2026-02-10", "2026-02-12"));
    }

    @Test
    void aWindowAheadOfTheGapDoesNotMakeTheGapLookCollected() {
        Watermark at10 = new Watermark(ACTIVATION, Optional.of(LocalDate.parse("2026-02-10")));
        assertThat(at10.afterSuccess(window("2026-02-12", "2026-02-14"))).isEqualTo(at10);
    }

    @Test
    void anOldWindowNeverMovesTheWatermarkBack() {
        Watermark at10 = new Watermark(ACTIVATION, Optional.of(LocalDate.parse("2026-02-10")));
        assertThat(at10.afterSuccess(window("2026-02-03", "2026-02-05"))).isEqualTo(at10);
        assertThat(at10.afterSuccess(window("2026-02-03", "2026-02-12")).collectedThrough())
                .contains(LocalDate.parse("2026-02-12"));
    }

    @Test
    void anActivationDateMovedLaterThanTheWatermarkStartsThere() {
        Watermark moved = new Watermark(LocalDate.parse("2026-02-20"), Optional.of(LocalDate.parse("2026-02-10")));
        assertThat(moved.nextDay()).isEqualTo(LocalDate.parse("2026-02-20"));
    }

    @Test
    void nightlyWindowsReachBackSoLateUploadsAreCollectedButNeverBeforeActivation() {
        Watermark collected = new Watermark(ACTIVATION, Optional.of(LocalDate.parse("2026-02-10")));
        assertThat(collected.nightlyWindow(LocalDate.parse("2026-02-12"), 3)).contains(window("2026-02-07", "2026-02-12"));
        Watermark young = new Watermark(ACTIVATION, Optional.of(ACTIVATION.plusDays(1)));
        assertThat(young.nightlyWindow(ACTIVATION.plusDays(2), 3)).contains(window(ACTIVATION.toString(),
                ACTIVATION.plusDays(2).toString()));
        assertThat(new Watermark(ACTIVATION, Optional.empty()).nightlyWindow(LocalDate.parse("2026-02-10"), 3))
                .as("the first window starts at activation").contains(window("2026-02-01", "2026-02-10"));
        assertThat(collected.nightlyWindow(LocalDate.parse("2026-02-10"), 3)).as("up to date: nothing to re-read")
                .isEmpty();
    }

    @Test
    void theActivationNightOfACurrentCounterFeedReadsTheBaselineOfTheDayBefore() {
        Watermark fresh = new Watermark(ACTIVATION, Optional.empty());
        DateWindow baseline = window("2026-01-31", "2026-02-01");
        assertThat(fresh.nightly(ACTIVATION, 3, VendorType.Kind.CURRENT_COUNTERS))
                .contains(new Watermark.Collection(baseline, CollectionPurpose.ACTIVATION));

        Watermark read = fresh.afterSuccess(baseline);
        assertThat(read.collectedThrough()).as("the baseline read moves the watermark to the activation date")
                .contains(ACTIVATION);
        assertThat(read.nextDay()).isEqualTo(ACTIVATION);
        assertThat(read.nightly(ACTIVATION, 3, VendorType.Kind.CURRENT_COUNTERS)).as("the same night again: nothing")
                .isEmpty();
        assertThat(read.nightly(ACTIVATION.plusDays(1), 3, VendorType.Kind.CURRENT_COUNTERS)).as("the next night")
                .contains(new Watermark.Collection(window("2026-02-01", "2026-02-02"), CollectionPurpose.NIGHTLY));
    }

    @Test
    void historyAndAggregateFeedsAreNeverAskedForTheDayBeforeActivation() {
        Watermark fresh = new Watermark(ACTIVATION, Optional.empty());
        for (VendorType.Kind kind : java.util.List.of(VendorType.Kind.DAY_AGGREGATES, VendorType.Kind.COUNTER_HISTORY)) {
            assertThat(fresh.nightly(ACTIVATION, 3, kind)).as(kind + " on the activation night").isEmpty();
            assertThat(fresh.nightly(ACTIVATION.plusDays(1), 3, kind)).as(kind + " the night after")
                    .contains(new Watermark.Collection(window("2026-02-01", "2026-02-02"), CollectionPurpose.ACTIVATION));
        }
    }

    @Test
    void aCurrentCounterFeedWhoseActivationNightPassedStartsAtTheActivationDateAsBefore() {
        Watermark fresh = new Watermark(ACTIVATION, Optional.empty());
        assertThat(fresh.nightly(LocalDate.parse("2026-02-05"), 3, VendorType.Kind.CURRENT_COUNTERS))
                .contains(new Watermark.Collection(window("2026-02-01", "2026-02-05"), CollectionPurpose.ACTIVATION));
        assertThat(fresh.nightly(ACTIVATION.minusDays(1), 3, VendorType.Kind.CURRENT_COUNTERS))
                .as("before the activation night nothing is read").isEmpty();
    }

    @Test
    void anActivationDateMovedLaterIsReadOnItsNewActivationNight() {
        Watermark moved = new Watermark(LocalDate.parse("2026-02-20"), Optional.of(LocalDate.parse("2026-02-10")));
        assertThat(moved.nightly(LocalDate.parse("2026-02-20"), 3, VendorType.Kind.CURRENT_COUNTERS))
                .contains(new Watermark.Collection(window("2026-02-19", "2026-02-20"), CollectionPurpose.ACTIVATION));
        assertThat(moved.afterSuccess(window("2026-02-19", "2026-02-20")).collectedThrough())
                .contains(LocalDate.parse("2026-02-20"));
    }
}
