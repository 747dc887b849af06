package io.canopy.metering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class DeviceMeterTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final LocalDate D0 = LocalDate.of(2026, 2, 1);

    static Instant endOf(LocalDate day, ZoneId zone) {
        return day.atTime(23, 0).atZone(zone).toInstant();
    }

    static CounterReading read(int day, long small) {
        return CounterReading.of(endOf(D0.plusDays(day), UTC), small, 0);
    }

    static Map<LocalDate, Long> smallPerDay(DeviceUsage usage) {
        return usage.days().stream().collect(Collectors.toMap(DeviceDay::day, d -> d.volume().small()));
    }

    static DeviceUsage compute(List<CounterReading> readings) {
        return DeviceMeter.compute(readings, UTC, MeteringRules.standard());
    }

    @Test
    void firstReadingIsABaselineNotVolume() {
        DeviceUsage usage = compute(List.of(read(0, 50_000)));
        assertThat(usage.days()).isEmpty();
        assertThat(usage.initial().impressions()).isEqualTo(50_000);
        assertThat(usage.lifeCount()).isZero();
    }

    @Test
    void dailyDeltaIsClosingCounterMinusPreviousClosingCounter() {
        DeviceUsage usage = compute(List.of(read(0, 1_000), read(1, 1_300), read(2, 1_350)));
        assertThat(smallPerDay(usage)).containsExactlyInAnyOrderEntriesOf(Map.of(D0.plusDays(1), 300L, D0.plusDays(2), 50L));
        assertThat(usage.lifeCount()).isEqualTo(350);
        assertThat(usage.latest().impressions()).isEqualTo(1_350);
    }

    @Test
    void severalReadsADayTheLastOneWins() {
        List<CounterReading> readings = List.of(read(0, 1_000),
                CounterReading.of(D0.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC), 1_100, 0), read(1, 1_400));
        assertThat(smallPerDay(compute(readings))).containsExactlyEntriesOf(Map.of(D0.plusDays(1), 400L));
    }

    @Test
    void missedDaysShareTheDeltaInWholePagesThatAddUp() {
        DeviceUsage usage = compute(List.of(read(0, 1_000), read(3, 1_100)));
        assertThat(smallPerDay(usage)).containsExactlyInAnyOrderEntriesOf(
                Map.of(D0.plusDays(1), 34L, D0.plusDays(2), 33L, D0.plusDays(3), 33L));
    }

    @Test
    void counterResetStartsNewSegmentWithoutNegativeDeposit() {
        DeviceUsage usage = compute(List.of(read(0, 80_000), read(1, 80_500), read(2, 120)));
        assertThat(smallPerDay(usage)).containsExactlyInAnyOrderEntriesOf(Map.of(D0.plusDays(1), 500L, D0.plusDays(2), 120L));
        assertThat(usage.segments()).isEqualTo(2);
        assertThat(usage.held()).isEmpty();
    }

    @Test
    void sevenDigitCounterRollsOverInsteadOfResetting() {
        DeviceUsage usage = compute(List.of(read(0, 9_999_800), read(1, 300)));
        assertThat(smallPerDay(usage)).containsExactlyEntriesOf(Map.of(D0.plusDays(1), 500L));
        assertThat(usage.rollovers()).isEqualTo(1);
        assertThat(usage.segments()).isEqualTo(1);
    }

    @Test
    void thirtyTwoBitCountersRollOver() {
        assertThat(smallPerDay(compute(List.of(read(0, (1L << 31) - 100), read(1, 50)))))
                .containsExactlyEntriesOf(Map.of(D0.plusDays(1), 150L));
        assertThat(smallPerDay(compute(List.of(read(0, (1L << 32) - 10), read(1, 5)))))
                .containsExactlyEntriesOf(Map.of(D0.plusDays(1), 15L));
    }

    @Test
    void aDropFarFromAnyCounterWidthIsAResetNotARollover() {
        DeviceUsage usage = compute(List.of(read(0, 5_000_000), read(1, 40)));
        assertThat(smallPerDay(usage)).containsExactlyEntriesOf(Map.of(D0.plusDays(1), 40L));
        assertThat(usage.rollovers()).isZero();
        assertThat(usage.segments()).isEqualTo(2);
    }

    @Test
    void implausibleJumpIsHeldForReviewAndNotCounted() {
        DeviceUsage usage = compute(List.of(read(0, 1_000), read(1, 900_000), read(2, 900_200)));
        assertThat(usage.held()).singleElement().satisfies(h -> {
            assertThat(h.impressions()).isEqualTo(899_000);
            assertThat(h.toDay()).isEqualTo(D0.plusDays(1));
            assertThat(h.limit()).isEqualTo(MeteringRules.DEFAULT_MAX_PAGES_PER_DAY);
        });
        // The device continues from the new value: the next day is ordinary volume.
        assertThat(smallPerDay(usage)).containsExactlyEntriesOf(Map.of(D0.plusDays(2), 200L));
        assertThat(usage.lifeCount()).isEqualTo(200);
    }

    @Test
    void aResetOntoAnAlreadyHighCounterIsHeldNotDeposited() {
        DeviceUsage usage = compute(List.of(read(0, 2_000_000), read(1, 1_500_000)));
        assertThat(usage.held()).singleElement().satisfies(h -> assertThat(h.afterReset()).isTrue());
        assertThat(usage.days()).isEmpty();
    }

    @Test
    void theLimitGrowsWithTheDaysAStepCovers() {
        DeviceUsage usage = compute(List.of(read(0, 0), read(3, 250_000)));
        assertThat(usage.held()).isEmpty();
        assertThat(usage.lifeCount()).isEqualTo(250_000);
    }

    @Test
    void businessDaysAreDatesInTheFeedsZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // 02:00 UTC on Feb 3 is still Feb 2 in New York.
        List<CounterReading> readings = List.of(CounterReading.of(Instant.parse("2026-02-02T02:00:00Z"), 100, 0),
                CounterReading.of(Instant.parse("2026-02-03T02:00:00Z"), 160, 0));
        assertThat(DeviceMeter.compute(readings, newYork, MeteringRules.standard()).days())
                .extracting(DeviceDay::day).containsExactly(LocalDate.of(2026, 2, 2));
        assertThat(DeviceMeter.compute(readings, UTC, MeteringRules.standard()).days())
                .extracting(DeviceDay::day).containsExactly(LocalDate.of(2026, 2, 3));
    }

    @Test
    void lateReadsAreSlottedInWhateverOrderTheyArrive() {
        List<CounterReading> inOrder = List.of(read(0, 100), read(1, 200), read(2, 260), read(3, 400));
        List<CounterReading> shuffled = new ArrayList<>(List.of(inOrder.get(3), inOrder.get(0), inOrder.get(2),
                inOrder.get(1), inOrder.get(2)));
        assertThat(compute(shuffled)).isEqualTo(compute(inOrder));
    }

    @Test
    void largeAndAreaCountersMoveAlongside() {
        List<CounterReading> readings = List.of(
                new CounterReading(endOf(D0, UTC), new Counters(100, 10, null)),
                new CounterReading(endOf(D0.plusDays(1), UTC), new Counters(150, 14, null)));
        DeviceUsage usage = compute(readings);
        assertThat(usage.days()).singleElement().satisfies(d -> assertThat(d.volume()).isEqualTo(new Volume(50, 4, 0)));
        assertThat(usage.lifeCount()).isEqualTo(54);
    }
    // --- activation date (DESIGN.md "Domain arithmetic": the activation date's own pages count) ---

    static final LocalDate ACTIVATION = D0.plusDays(10);

    static CounterReading readAround(int daysFromActivation, long small) {
        return CounterReading.of(endOf(ACTIVATION.plusDays(daysFromActivation), UTC), small, 0);
    }

    static DeviceUsage computeActivated(List<CounterReading> readings) {
        return DeviceMeter.compute(readings, UTC, ACTIVATION, MeteringRules.standard());
    }

    @Test
    void theReadingTheDayBeforeActivationIsTheBaselineSoTheActivationDayCounts() {
        DeviceUsage usage = computeActivated(List.of(readAround(-2, 900), readAround(-1, 1_000), readAround(0, 1_300),
                readAround(1, 1_350)));
        assertThat(smallPerDay(usage)).containsExactlyInAnyOrderEntriesOf(Map.of(ACTIVATION, 300L,
                ACTIVATION.plusDays(1), 50L));
        assertThat(usage.initial().impressions()).isEqualTo(1_000);
        assertThat(usage.lifeCount()).isEqualTo(350);
    }

    @Test
    void aBaselineSeveralDaysBeforeActivationIsSpreadAndOnlyTheSharesFromActivationCount() {
        // 400 pages over the 4 days after the baseline: 100 a day, of which the activation day and the next count.
        DeviceUsage usage = computeActivated(List.of(readAround(-3, 1_000), readAround(1, 1_400)));
        assertThat(smallPerDay(usage)).containsExactlyInAnyOrderEntriesOf(Map.of(ACTIVATION, 100L,
                ACTIVATION.plusDays(1), 100L));
        assertThat(usage.initial().impressions()).isEqualTo(1_000);
        assertThat(usage.lifeCount()).isEqualTo(200);
    }

    @Test
    void ofSeveralReadsBeforeActivationOnlyTheLastIsTheBaseline() {
        // Earlier history (even a reset and a jump that would be held) takes no part.
        DeviceUsage usage = computeActivated(List.of(readAround(-6, 80_000), readAround(-5, 50),
                readAround(-4, 900_000), readAround(-2, 5_000), readAround(0, 5_100)));
        assertThat(smallPerDay(usage)).containsExactlyEntriesOf(Map.of(ACTIVATION, 50L));
        assertThat(usage.initial().impressions()).isEqualTo(5_000);
        assertThat(usage.segments()).isEqualTo(1);
        assertThat(usage.held()).isEmpty();
        assertThat(usage.lifeCount()).isEqualTo(50);
    }

    @Test
    void aDeviceWithoutAReadBeforeActivationStartsAtItsFirstRead() {
        DeviceUsage usage = computeActivated(List.of(readAround(0, 2_000), readAround(1, 2_040)));
        assertThat(smallPerDay(usage)).containsExactlyEntriesOf(Map.of(ACTIVATION.plusDays(1), 40L));
        assertThat(usage.initial().impressions()).isEqualTo(2_000);
    }

    @Test
    void withoutAnActivationDateEveryReadingCountsAsBefore() {
        List<CounterReading> readings = List.of(readAround(-3, 1_000), readAround(1, 1_400));
        assertThat(DeviceMeter.compute(readings, UTC, null, MeteringRules.standard())).isEqualTo(compute(readings));
        assertThat(smallPerDay(compute(readings))).hasSize(4);
    }

    @Test
    void theBaselineDayIsTheReadingsDateInTheAccountsZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        LocalDate activation = LocalDate.of(2026, 3, 1);
        // 03:00 UTC on Mar 1 is still Feb 28 in New York: the baseline there; in UTC it is the activation day.
        List<CounterReading> readings = List.of(CounterReading.of(Instant.parse("2026-02-27T03:00:00Z"), 900, 0),
                CounterReading.of(Instant.parse("2026-03-01T03:00:00Z"), 1_000, 0),
                CounterReading.of(Instant.parse("2026-03-02T03:00:00Z"), 1_250, 0));
        DeviceUsage inNewYork = DeviceMeter.compute(readings, newYork, activation, MeteringRules.standard());
        assertThat(smallPerDay(inNewYork)).containsExactlyEntriesOf(Map.of(activation, 250L));
        assertThat(inNewYork.initial().impressions()).isEqualTo(1_000);
        // In UTC the baseline is the Feb 27 read: its 100 pages spread over Feb 28 and Mar 1, of which Mar 1's count.
        DeviceUsage inUtc = DeviceMeter.compute(readings, UTC, activation, MeteringRules.standard());
        assertThat(smallPerDay(inUtc)).containsExactlyInAnyOrderEntriesOf(Map.of(activation, 50L,
                activation.plusDays(1), 250L));
    }
}
