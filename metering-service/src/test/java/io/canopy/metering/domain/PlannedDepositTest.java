package io.canopy.metering.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.events.DepositKind;

class PlannedDepositTest {

    @Test
    void theFirstEntryOfADayIsRegular() {
        assertThat(PlannedDeposit.toReach(120, LedgerDay.EMPTY)).contains(new PlannedDeposit(120, 120, DepositKind.REGULAR));
    }

    @Test
    void aDayThatAlreadyHasEntriesGetsAnAdjustmentForTheDifference() {
        assertThat(PlannedDeposit.toReach(150, new LedgerDay(120, 1)))
                .contains(new PlannedDeposit(30, 150, DepositKind.ADJUSTMENT));
        assertThat(PlannedDeposit.toReach(100, new LedgerDay(120, 2)))
                .contains(new PlannedDeposit(-20, 100, DepositKind.ADJUSTMENT));
    }

    @Test
    void nothingWhenTheLedgerAlreadyAgrees() {
        assertThat(PlannedDeposit.toReach(120, new LedgerDay(120, 1))).isEmpty();
        assertThat(PlannedDeposit.toReach(0, LedgerDay.EMPTY)).isEmpty();
    }

    @Test
    void standardPagesAreSmallPlusTwiceLargeMinusDuplexOnLetter() {
        assertThat(FeedDay.standardPages(List.of(new Volume(100, 10, 0), new Volume(50, 0, 0)), Optional.empty(),
                PaperBasis.LETTER)).isEqualTo(170);
        assertThat(FeedDay.standardPages(List.of(), Optional.of(new AggregateVolume(100, 10, 20)), PaperBasis.LETTER))
                .isEqualTo(100);
    }

    @Test
    void a4DayTotalsAreRoundedOnceNotPerDevice() {
        // 3 devices x 1 page x 1.034 = 3.102 -> 3, where rounding each device first would give 3 as well;
        // 10 devices x 1 page = 10.34 -> 10, per-device rounding would also give 10; 50 -> 51.7 -> 52 vs 50.
        List<Volume> fifty = java.util.Collections.nCopies(50, new Volume(1, 0, 0));
        assertThat(FeedDay.standardPages(fifty, Optional.empty(), PaperBasis.A4)).isEqualTo(52);
    }

    @Test
    void wideFormatAreaCountsInLetterSheets() {
        // 10 letter sheets of area: 10 x 0.06032 m² = 0.6032 m² = 60,320,000 hundredths of mm².
        assertThat(FeedDay.standardPages(List.of(new Volume(3, 0, 60_320_000L)), Optional.empty(), PaperBasis.LETTER))
                .isEqualTo(10);
    }

    @Test
    void impossibleAggregatesAreRefused() {
        assertThatThrownBy(() -> new AggregateVolume(10, 0, 6)).isInstanceOf(InvalidReading.class);
        assertThatThrownBy(() -> new AggregateVolume(-1, 0, 0)).isInstanceOf(InvalidReading.class);
    }
}
