package io.canopy.certificate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.BusinessCalendar;

class MonthHoldTest {

    private static final YearMonth JANUARY = YearMonth.of(2026, 1);
    private static final LocalDate FEB_5 = LocalDate.of(2026, 2, 5);
    private final MonthHold rule = new MonthHold(10, BusinessCalendar.weekendsAnd(Set.of()));
    private final UUID feed = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void aMonthWhoseFeedsCollectedThroughItsLastDayAndAreFreshIsNotHeld() {
        assertThat(rule.holdOf(JANUARY, List.of(facts(FEB_5, FEB_5, null, null)))).isEmpty();
    }

    @Test
    void aFeedThatHasNotCollectedThroughTheLastDayHoldsTheMonth() {
        var hold = rule.holdOf(JANUARY, List.of(facts(LocalDate.of(2026, 1, 31), FEB_5, null, null)));
        assertThat(hold).get().extracting(Hold::reason).isEqualTo(Hold.Reason.NOT_COLLECTED);
        assertThat(hold.get().detail()).contains("2026-01-30");
    }

    @Test
    void anOpenStalenessEpisodeTouchingTheMonthHoldsItEvenThoughNightsSucceed() {
        var hold = rule.holdOf(JANUARY, List.of(facts(FEB_5, FEB_5, LocalDate.of(2026, 1, 26), null)));
        assertThat(hold).get().extracting(Hold::reason, Hold::feedId).containsExactly(Hold.Reason.STALE, feed);
        assertThat(rule.holdOf(JANUARY, List.of(facts(FEB_5, FEB_5, LocalDate.of(2026, 2, 2), null))))
                .as("an episode that starts after the month does not touch it").isEmpty();
    }

    @Test
    void aBackfillNotYetCollectedHoldsTheMonthItReaches() {
        var hold = rule.holdOf(JANUARY, List.of(facts(FEB_5, FEB_5, null, LocalDate.of(2026, 1, 26))));
        assertThat(hold).get().extracting(Hold::reason).isEqualTo(Hold.Reason.BACKFILL_PENDING);
    }

    @Test
    void aFeedWithNoOutcomeSinceTheMonthBeganIsNotActiveAndHoldsNothing() {
        // e.g. deactivated in December: nothing collected since, nothing to wait for
        assertThat(rule.holdOf(JANUARY, List.of(facts(LocalDate.of(2025, 12, 20), LocalDate.of(2025, 12, 20), null, null))))
                .isEmpty();
    }

    @Test
    void theHoldRunsOutAfterTheMaximumBusinessDaysPastTheNominalCloseDate() {
        LocalDate nominal = LocalDate.of(2026, 2, 4); // a Wednesday
        assertThat(rule.holdExhausted(nominal, LocalDate.of(2026, 2, 17))).as("9 business days").isFalse();
        assertThat(rule.holdExhausted(nominal, LocalDate.of(2026, 2, 18))).as("10 business days").isTrue();
    }

    private FeedFacts facts(LocalDate collectedTo, LocalDate lastOutcome, LocalDate staleSince, LocalDate backfillFrom) {
        return new FeedFacts(feed, collectedTo, lastOutcome, staleSince, false, backfillFrom,
                backfillFrom == null ? null : FEB_5);
    }
}
